import { apiKeyFrom } from "../credentials.js";
import type { KeysmithVerifier, VerifyResult } from "../verify.js";

// What every middleware decides for a request: let it through with the verdict, or refuse it
// with 401 (no valid key), 403 (a valid key that may not) or 429 (limited, with Retry-After).

export interface GuardOptions {
  verifier: KeysmithVerifier;
  /** Scopes this route requires. */
  scopes?: string[];
  /** The end client's address, for keys with IP allowlists. */
  clientIp?: (header: (name: string) => string | null | undefined) => string | undefined;
}

export type Decision =
  | { allowed: true; result: VerifyResult }
  | { allowed: false; status: 401 | 403 | 429 | 503; headers: Record<string, string>; body: { error: { code: string; message: string } } };

const refuse = (status: 401 | 403 | 429 | 503, code: string, message: string, headers: Record<string, string> = {}): Decision => ({
  allowed: false,
  status,
  headers: { "cache-control": "no-store", ...headers },
  body: { error: { code, message } },
});

export async function decide(header: (name: string) => string | null | undefined, options: GuardOptions): Promise<Decision> {
  const key = apiKeyFrom(header);
  if (!key)
    return refuse(401, "UNAUTHENTICATED", "Send an API key as Authorization: Bearer <key> or X-API-Key.", { "www-authenticate": "Bearer" });
  let result: VerifyResult;
  try {
    result = await options.verifier.verifyKey(key, { scopes: options.scopes, ip: options.clientIp?.(header) });
  } catch {
    // Fail closed: without Keysmith no key is trusted.
    return refuse(503, "UNAVAILABLE", "API keys cannot be checked right now; try again shortly.");
  }
  if (result.valid) return { allowed: true, result };
  if (result.code === "RATE_LIMITED") {
    const reset = result.ratelimit ? Math.max(0, Math.ceil((result.ratelimit.reset - Date.now()) / 1000)) : 60;
    return refuse(429, "RATE_LIMITED", "Too many requests with this API key.", { "retry-after": String(reset) });
  }
  if (result.code === "USAGE_EXCEEDED") return refuse(429, "USAGE_EXCEEDED", "This API key has no usage credits left.");
  if (result.code === "INSUFFICIENT_SCOPE")
    return refuse(403, "FORBIDDEN", `This API key lacks a required scope (${(options.scopes ?? []).join(", ")}).`);
  if (result.code === "IP_NOT_ALLOWED") return refuse(403, "FORBIDDEN", "This API key may not be used from this address.");
  return refuse(401, "UNAUTHENTICATED", `The API key is not valid (${result.code}).`, { "www-authenticate": "Bearer" });
}
