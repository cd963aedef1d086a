// Error codes shared by the API and the UI. The UI shows `message` as sent.

export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** A publishable (pk) key on the management API: pk keys are for verification only. */
  PUBLISHABLE_KEY: 401,
  /** A key would get scopes (or a lifetime, or a project) its issuer does not hold itself. */
  AUTHORITY_EXCEEDED: 403,
  VALIDATION_FAILED: 400,
  BAD_ORIGIN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A registry URL could not be discovered: unreachable, bad answer, bad document. */
  DISCOVERY_FAILED: 400,
  /** "Test connection" failed: the registry did not accept the API key (it was not saved). */
  KEY_CHECK_FAILED: 400,
  /** A URL points at an address Keysmith refuses to connect to (SSRF protection). */
  HOST_NOT_ALLOWED: 400,
  /** A key's per-minute limit is used up (API-key authentication); see Retry-After. */
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A dependency (the database) cannot be reached; verification fails closed. */
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** The input field at fault, as a dotted path, when the error is about one field. */
    field?: string;
  };
}

/** Retry-After (seconds) on UNAVAILABLE answers. Here, not in respond.ts: the verify server must not load Next.js. */
export const RETRY_AFTER_SECONDS = "1";
