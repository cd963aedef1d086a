// @ts-check
// Asks Keysmith about a key (POST /api/tokens/verify). Each answer may be kept `cacheMs`
// (default 0: every npm request asks, so a revocation refuses the very next request).

/**
 * @typedef {{ valid: boolean, code: string, keyId: string | null, name: string | null, scopes: string[] }} Verdict
 */

class KeysmithUnavailableError extends Error {}

class VerifyClient {
  /** @param {{ url: string, cacheMs?: number, timeoutMs?: number }} options */
  constructor(options) {
    this.endpoint = new URL("/api/tokens/verify", options.url).toString();
    this.cacheMs = options.cacheMs ?? 0;
    this.timeoutMs = options.timeoutMs ?? 5000;
    /** @type {Map<string, { verdict: Verdict, until: number }>} */
    this.cache = new Map();
  }

  /** @param {string} key @returns {Promise<Verdict>} */
  async verify(key) {
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.verdict;
    let response;
    try {
      response = await fetch(this.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new KeysmithUnavailableError(
        `Keysmith cannot be reached at ${this.endpoint}: ${error instanceof Error ? error.message : error}`,
      );
    }
    if (response.status !== 200) throw new KeysmithUnavailableError(`Keysmith answered ${response.status} at ${this.endpoint}`);
    const verdict = /** @type {Verdict} */ (await response.json());
    if (this.cacheMs > 0) {
      this.cache.set(key, { verdict, until: Date.now() + this.cacheMs });
      if (this.cache.size > 10_000) this.cache.delete(/** @type {string} */ (this.cache.keys().next().value));
    }
    return verdict;
  }
}

module.exports = { VerifyClient, KeysmithUnavailableError };
