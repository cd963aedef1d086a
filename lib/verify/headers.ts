import type { RateLimitState } from "./result";

/** RateLimit-Limit/Remaining/Reset (IETF draft names; Reset in seconds) and Retry-After when refused. */
export function rateLimitHeaders(state: RateLimitState | null, limited: boolean): Record<string, string> {
  if (!state) return {};
  const resetSeconds = String(Math.max(0, Math.ceil((state.reset - Date.now()) / 1000)));
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": resetSeconds,
  };
  if (limited) headers["Retry-After"] = resetSeconds;
  return headers;
}
