import { anonymousResult, VERIFY_CODES, type RateLimitState, type VerifyCode, type VerifyResult } from "./result";

// A verdict as JSON text, byte for byte what JSON.stringify gives, for the verify server's hot path:
// JSON.stringify walks a 13-field object generically (5–10 µs of a verification's CPU inside the
// server); this writes the known fields in their order, and an answer that names no key (MALFORMED,
// NOT_FOUND, …: every field at its empty value) is one string per code made once.
// tests/verify/result-json.test.ts holds both to JSON.stringify.

/** The fields in the order a result is built (result.ts): JSON.stringify writes them so. */
export const RESULT_FIELDS = [
  "valid",
  "code",
  "keyId",
  "orgId",
  "name",
  "type",
  "environment",
  "projectId",
  "scopes",
  "expiresAt",
  "meta",
  "ratelimit",
  "remaining",
] as const satisfies readonly (keyof VerifyResult)[];

const ANONYMOUS_JSON = new Map<VerifyCode, string>(VERIFY_CODES.map((code) => [code, JSON.stringify(anonymousResult(code))]));

const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
const number = (value: number | null) => (value === null || !Number.isFinite(value) ? "null" : String(value));

function ratelimitJson(state: RateLimitState | null): string {
  return state === null ? "null" : `{"limit":${number(state.limit)},"remaining":${number(state.remaining)},"reset":${number(state.reset)}}`;
}

/** Every field but the code as anonymousResult leaves it (so its JSON is the cached one). */
const NO_KEY = anonymousResult("NOT_FOUND");

function namesNoKey(result: VerifyResult): boolean {
  for (const field of RESULT_FIELDS) {
    if (field === "code") continue;
    if (field === "scopes" ? result.scopes.length !== 0 : result[field] !== NO_KEY[field]) return false;
  }
  return true;
}

/** JSON.stringify(result) for a result made by the verifier (exactly the fields above). */
export function verifyResultJson(result: VerifyResult): string {
  if (namesNoKey(result)) {
    const cached = ANONYMOUS_JSON.get(result.code);
    if (cached !== undefined) return cached;
  }
  return (
    `{"valid":${result.valid ? "true" : "false"},"code":${text(result.code)},"keyId":${text(result.keyId)},` +
    `"orgId":${text(result.orgId)},"name":${text(result.name)},"type":${text(result.type)},` +
    `"environment":${text(result.environment)},"projectId":${text(result.projectId)},"scopes":${JSON.stringify(result.scopes)},` +
    `"expiresAt":${text(result.expiresAt)},"meta":${result.meta === null ? "null" : JSON.stringify(result.meta)},` +
    `"ratelimit":${ratelimitJson(result.ratelimit)},"remaining":${number(result.remaining)}}`
  );
}
