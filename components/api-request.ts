import type { ApiErrorBody } from "@/lib/api/error-codes";
import { signInPath } from "@/lib/auth/next-path";

// The browser side of the JSON API: same-origin, cookie session. A failed call throws an
// ApiRequestError whose message is the one the API sent, ready to show to the user.

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    /** The input field at fault, when the API named one (e.g. "name", "expiresAt"). */
    readonly field: string | null,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string";
}

export async function apiRequest<T>(
  path: string,
  init: { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown },
): Promise<T> {
  const hasBody = init.body !== undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      credentials: "same-origin",
      cache: "no-store",
      headers: hasBody ? { Accept: "application/json", "Content-Type": "application/json" } : { Accept: "application/json" },
      body: hasBody ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiRequestError("Could not reach Keysmith. Check your connection and try again.", 0, null, null);
  }

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) {
    // The session ended: sign in again and come back to this page (not for the sign-in calls themselves).
    if (response.status === 401 && typeof window !== "undefined" && !path.startsWith("/api/auth/")) {
      window.location.assign(signInPath(window.location.pathname + window.location.search));
    }
    if (isApiErrorBody(payload)) {
      const { message, code, field } = payload.error;
      throw new ApiRequestError(message, response.status, code, field ?? null);
    }
    throw new ApiRequestError(`Something went wrong (HTTP ${response.status}). Try again in a moment.`, response.status, null, null);
  }
  return payload as T;
}

/** The message to show for anything thrown by a request. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return "Something went wrong. Try again in a moment.";
}
