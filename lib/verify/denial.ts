import type { ApiErrorBody, ErrorCode } from "@/lib/api/error-codes";
import { ERROR_STATUS } from "@/lib/api/error-codes";
import { rateLimitHeaders } from "./headers";
import type { VerifyResult } from "./result";

// How an API-key-protected route refuses a request. Unlike POST /api/tokens/verify (always 200,
// the verdict in the body), a protected route answers with the HTTP status that fits:
// 401 no or bad key, 403 missing scope, 429 over the key's limit, 503 database unreachable.

export interface Denial {
  status: number;
  headers: Record<string, string>;
  body: ApiErrorBody;
}

const UNAUTHENTICATED_MESSAGES: Partial<Record<VerifyResult["code"], string>> = {
  REVOKED: "This API key has been revoked.",
  EXPIRED: "This API key has expired.",
  DISABLED: "This API key is disabled.",
  NOT_YET_VALID: "This API key is not valid yet (its not-before time is in the future).",
};

function denial(code: ErrorCode, message: string, headers: Record<string, string> = {}): Denial {
  const extra: Record<string, string> = code === "UNAUTHENTICATED" ? { "WWW-Authenticate": 'Bearer realm="keysmith"' } : {};
  return { status: ERROR_STATUS[code], headers: { "Cache-Control": "no-store", ...extra, ...headers }, body: { error: { code, message } } };
}

export const missingKeyDenial = () =>
  denial("UNAUTHENTICATED", "Send an API key in the Authorization (Bearer or ApiKey) or X-API-Key header.");

export const unavailableDenial = () => denial("UNAVAILABLE", "API keys cannot be checked right now; try again shortly.");

/** The refusal for a verification result, or null when the request may proceed. */
export function denialFor(result: VerifyResult, requiredScopes: readonly string[] = []): Denial | null {
  const limitHeaders = rateLimitHeaders(result.ratelimit, result.code === "RATE_LIMITED");
  switch (result.code) {
    case "VALID":
      return null;
    case "IP_NOT_ALLOWED":
      return denial("FORBIDDEN", "This API key cannot be used from this IP address.", limitHeaders);
    case "INSUFFICIENT_SCOPE":
      return denial("FORBIDDEN", `This API key lacks a required scope (${requiredScopes.join(", ")}).`, limitHeaders);
    case "RATE_LIMITED":
      // No key identified: the failed-attempt limit for this address, not the key's own limit.
      return result.keyId === null
        ? denial(
            "RATE_LIMITED",
            "Too many failed attempts with API keys from your address; retry after the time in Retry-After.",
            limitHeaders,
          )
        : denial("RATE_LIMITED", "Too many requests with this API key (its own limit); retry after the time in Retry-After.", limitHeaders);
    case "USAGE_EXCEEDED":
      return denial("RATE_LIMITED", "This API key has no usage credits left for this request.", limitHeaders);
    default:
      return denial("UNAUTHENTICATED", UNAUTHENTICATED_MESSAGES[result.code] ?? "The API key is not valid.", limitHeaders);
  }
}
