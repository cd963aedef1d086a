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
  "USAGE_EXCEEDED",
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
  /** "live" or "test". */
  environment: "live" | "test" | null;
  /** The project the key is limited to, if any. */
  projectId: string | null;
  scopes: string[];
  expiresAt: string | null;
  /** The key's metadata (a JSON object) as its owner set it; null when none or no key was identified. */
  meta: Record<string, unknown> | null;
  /** The limiter that applied, when one was consulted. */
  ratelimit: RateLimitState | null;
  /** The key's usage credits left after this verification (USAGE_EXCEEDED: what there is); null: unlimited or not reached. */
  remaining: number | null;
}

export interface VerifyOptions {
  /** Scopes the caller requires; every one must be granted. */
  scopes?: readonly string[];
  /** The caller's address, for the failed-verification limiter. */
  ip?: string | null;
  /** The end client's address for the key's IP allowlist (default: `ip`). */
  clientIp?: string | null;
  /**
   * An end client's address claimed by an authenticated service (a key with keys:verify): used for
   * the allowlist only of keys in the service's own organisation (and project, if it is limited).
   */
  clientIpClaim?: { ip: string; orgId: string; projectId: string | null };
  /**
   * "service": the caller proved itself with a key of its own (keys:verify) and verifies its users'
   * keys; their mistakes are not its failures, so the failed-attempt limit does not apply to it.
   */
  caller?: "anonymous" | "service";
  /** Which failed-attempt counter applies: public verification's, or the management API's. */
  purpose?: "verify" | "management";
  /**
   * Usage credits this verification spends (default 1; 0 checks them without spending). Credits
   * are spent by public verification only: a key used for the management API, or a service's own
   * key checked before it verifies for its clients, spends none.
   */
  cost?: number;
  /** Filled in by verification: which key the attempt named (the verification log, lib/verification-log). */
  trace?: VerifyTrace;
  /** false: spend no credits (a service's own key, checked before it verifies its clients' keys). */
  spendCredits?: boolean;
}

/** Which key an attempt named, as far as verification got: also for failures that answer no key fields. */
export interface VerifyTrace {
  /** The key id read from the key (a candidate when it matches none); null when malformed. */
  keyId: string | null;
  /** The key's row id and organisation once a key with that id was found. */
  keyRowId: string | null;
  orgId: string | null;
}

/** Thrown when the key store cannot be reached: verification fails closed (HTTP 503). */
export class VerificationUnavailableError extends Error {
  constructor(cause: unknown) {
    super("Key verification is unavailable: the database cannot be reached.", { cause });
    this.name = "VerificationUnavailableError";
  }
}

/**
 * An answer that identifies no key: MALFORMED, NOT_FOUND (also for a wrong secret or a key whose
 * environment or type was altered), IP_NOT_ALLOWED (the caller holds the key but is outside its
 * allowlist: it learns nothing more) or a failed-attempt limit.
 */
export function anonymousResult(code: VerifyCode, ratelimit: RateLimitState | null = null): VerifyResult {
  return {
    valid: false,
    code,
    keyId: null,
    orgId: null,
    name: null,
    type: null,
    environment: null,
    projectId: null,
    scopes: [],
    expiresAt: null,
    meta: null,
    ratelimit,
    remaining: null,
  };
}
