// What verification answers. The same shape for every outcome, so callers (and attackers)
// learn nothing from which fields are present.

export const VERIFY_CODES = [
  "VALID",
  "MALFORMED",
  "NOT_FOUND",
  "REVOKED",
  "EXPIRED",
  "DISABLED",
  "NOT_YET_VALID",
  "IP_NOT_ALLOWED",
  "INSUFFICIENT_SCOPE",
  "RATE_LIMITED",
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

export interface RateLimitState {
  /** Requests allowed per window. */
  limit: number;
  remaining: number;
  /** When the current window ends, in milliseconds since the Unix epoch. */
  reset: number;
}

export interface VerifyResult {
  valid: boolean;
  code: VerifyCode;
  /** The key's public id (the 12 characters after "ks_live_sk_"); null when no key was identified. */
  keyId: string | null;
  orgId: string | null;
  name: string | null;
  /** "sk" or "pk". */
  type: "sk" | "pk" | null;
  /** The project the key is limited to, if any. */
  projectId: string | null;
  scopes: string[];
  expiresAt: string | null;
  /** The limiter that applied, when one was consulted. */
  ratelimit: RateLimitState | null;
}

export interface VerifyOptions {
  /** Scopes the caller requires; every one must be granted. */
  scopes?: readonly string[];
  /** The caller's address, for the failed-verification limiter. */
  ip?: string | null;
  /** The end client's address for the key's IP allowlist (default: `ip`). */
  clientIp?: string | null;
}

/** Thrown when the key store cannot be reached: verification fails closed (HTTP 503). */
export class VerificationUnavailableError extends Error {
  constructor(cause: unknown) {
    super("Key verification is unavailable: the database cannot be reached.", { cause });
    this.name = "VerificationUnavailableError";
  }
}

/**
 * An answer that identifies no key: MALFORMED, NOT_FOUND (also for a wrong secret), IP_NOT_ALLOWED
 * (answered before the secret is checked, so it must not reveal the key's fields) or an IP limit.
 */
export function anonymousResult(code: VerifyCode, ratelimit: RateLimitState | null = null): VerifyResult {
  return { valid: false, code, keyId: null, orgId: null, name: null, type: null, projectId: null, scopes: [], expiresAt: null, ratelimit };
}
