import type { components } from "./generated/api.js";
import { KeysmithError } from "./errors.js";

// verifyKey() against Keysmith's verify endpoint, with a short local cache of valid verdicts.
// Keysmith itself applies a revocation within its 1 s bound; a cached verdict lives at most
// `cacheTtlMs` (default 250 ms, at most 1000) on top, and only valid verdicts are cached, so a
// refusal is never served from memory. Cached hits are not counted as usage by Keysmith.

export type VerifyResult = components["schemas"]["VerifyResult"];

export interface VerifierOptions {
  /** Keysmith's base URL (the app or the standalone verify server). */
  baseUrl: string;
  /** How long a valid verdict is reused, in ms: 0 to ask every time; at most 1000. */
  cacheTtlMs?: number;
  fetch?: typeof fetch;
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
}

export interface VerifyKeyOptions {
  /** Scopes the key must hold (all of them). */
  scopes?: string[];
  /** The end client's address, when verifying on its behalf (IP allowlists). */
  ip?: string;
  /** Usage credits this request spends (default 1 for a key with credits; 0 only checks). Never answered from the cache. */
  cost?: number;
}

export const MAX_CACHE_TTL_MS = 1000;

export class KeysmithVerifier {
  private readonly endpoint: string;
  private readonly ttl: number;
  private readonly fetcher: typeof fetch;
  private readonly maxEntries: number;
  private readonly cache = new Map<string, { result: VerifyResult; until: number }>();

  constructor(options: VerifierOptions) {
    const ttl = options.cacheTtlMs ?? 250;
    if (!(ttl >= 0 && ttl <= MAX_CACHE_TTL_MS))
      throw new RangeError(`cacheTtlMs must be between 0 and ${MAX_CACHE_TTL_MS} (Keysmith's revocation bound).`);
    this.endpoint = new URL("/api/tokens/verify", options.baseUrl).toString();
    this.ttl = ttl;
    this.fetcher = options.fetch ?? fetch;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async verifyKey(key: string, options: VerifyKeyOptions = {}): Promise<VerifyResult> {
    const cacheKey = JSON.stringify([key, [...(options.scopes ?? [])].sort(), options.ip ?? null]);
    const cached = options.cost === undefined ? this.cache.get(cacheKey) : undefined;
    if (cached && cached.until > Date.now()) return cached.result;
    this.cache.delete(cacheKey);
    const response = await this.fetcher(this.endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        key,
        ...(options.scopes ? { scopes: options.scopes } : {}),
        ...(options.ip ? { ip: options.ip } : {}),
        ...(options.cost !== undefined ? { cost: options.cost } : {}),
      }),
    });
    if (response.status !== 200) throw await KeysmithError.from(response);
    const result = (await response.json()) as VerifyResult;
    // A key with usage credits spends them on every verification: its verdict is never reused.
    if (result.valid && (result.remaining ?? null) === null && this.ttl > 0) {
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(cacheKey, { result, until: Date.now() + this.ttl });
    }
    return result;
  }
}

/** A verifier for `baseUrl` (keep one per process: the cache lives in it). */
export function createVerifier(options: VerifierOptions): KeysmithVerifier {
  return new KeysmithVerifier(options);
}
