import { checksumOf, generateKey, parseRawKey } from "@/lib/keys/format";

// Keys that look right and are not, for tests and benchmarks of the failure paths.

/** The same key id with another secret and a valid checksum: a wrong secret, well formed. */
export function withSecret(rawKey: string, secret: string): string {
  const parsed = parseRawKey(rawKey)!;
  const body = `ks_${parsed.environment}_${parsed.type}_${parsed.keyId}_${secret}`;
  return body + checksumOf(body);
}

/** A new key with the last checksum character changed: MALFORMED, refused before any lookup. */
export function malformedKey(environment: "live" | "test" = "live"): string {
  const raw = generateKey(environment).raw;
  return raw.slice(0, -1) + (raw.at(-1) === "A" ? "B" : "A");
}
