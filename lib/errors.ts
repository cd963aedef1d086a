import { ERROR_STATUS, type ErrorCode } from "./api/error-codes";

/** An expected failure with a code the API and UI share. Anything else is a bug (500). */
export class AppError extends Error {
  /** Extra response headers, e.g. Retry-After on a 429. */
  headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found.`);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
