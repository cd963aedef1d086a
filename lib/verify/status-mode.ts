import type { ApiErrorBody } from "@/lib/api/error-codes";
import type { VerifyHttpResponse } from "./http";
import type { VerifyCode } from "./result";

// The opt-in `?status=http` mode of POST /api/tokens/verify, for secret scanners that validate
// candidates and proxies that can only act on status codes: the same body, with the verdict as
// the status — 200 valid, 401 no valid key, 403 a valid key that may not (scope, IP), 429 limited
// (with Retry-After). Without it every verdict stays 200.

export type StatusMode = "verdict" | "http";

export const HTTP_STATUS_OF: Record<VerifyCode, number> = {
  VALID: 200,
  MALFORMED: 401,
  NOT_FOUND: 401,
  REVOKED: 401,
  EXPIRED: 401,
  DISABLED: 401,
  NOT_YET_VALID: 401,
  IP_NOT_ALLOWED: 403,
  INSUFFICIENT_SCOPE: 403,
  RATE_LIMITED: 429,
  USAGE_EXCEEDED: 429,
};

const VERDICT: { mode: StatusMode } = { mode: "verdict" };

/** The mode the request's query asks for, or a 400 answer naming `status` for an unknown value. */
export function statusModeOf(url: string | undefined): { mode: StatusMode } | { refused: VerifyHttpResponse } {
  const queryAt = url?.indexOf("?") ?? -1;
  if (queryAt < 0) return VERDICT; // the common case: no query to parse
  const values = new URLSearchParams(url!.slice(queryAt + 1)).getAll("status");
  if (values.length === 0) return VERDICT;
  if (values.length === 1 && values[0] === "http") return { mode: "http" };
  const body: ApiErrorBody = {
    error: { code: "VALIDATION_FAILED", message: 'status must be "http" (or left out for a 200 with the verdict).', field: "status" },
  };
  return { refused: { status: 400, headers: { "Cache-Control": "no-store" }, body } };
}

/** The answer in the requested mode: only verdicts (200 answers) change. */
export function inStatusMode(mode: StatusMode, answer: VerifyHttpResponse): VerifyHttpResponse {
  if (mode === "verdict" || answer.status !== 200) return answer;
  const status = HTTP_STATUS_OF[(answer.body as { code: VerifyCode }).code] ?? 200;
  return status === 401
    ? { ...answer, status, headers: { ...answer.headers, "WWW-Authenticate": 'Bearer realm="keysmith"' } }
    : { ...answer, status };
}
