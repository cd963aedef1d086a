import { NextResponse } from "next/server";
import type { ApiErrorBody, ErrorCode } from "./error-codes";
import { ERROR_STATUS, RETRY_AFTER_SECONDS } from "./error-codes";

export { RETRY_AFTER_SECONDS };

const NO_STORE = { "Cache-Control": "no-store" };

export function json(data: unknown, status = 200): NextResponse {
  return NextResponse.json(data, { status, headers: NO_STORE });
}

export function noContent(): NextResponse {
  return new NextResponse(null, { status: 204, headers: NO_STORE });
}

export function errorResponse(code: ErrorCode, message: string, field?: string, extraHeaders: Record<string, string> = {}): NextResponse {
  const body: ApiErrorBody = { error: field ? { code, message, field } : { code, message } };
  // UNAVAILABLE is temporary (database unreachable, embedded database's queue full): say when to retry.
  const headers = code === "UNAVAILABLE" ? { ...NO_STORE, "Retry-After": RETRY_AFTER_SECONDS } : NO_STORE;
  return NextResponse.json(body, { status: ERROR_STATUS[code], headers: { ...headers, ...extraHeaders } });
}
