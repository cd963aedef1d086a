import { describe, expect, it } from "vitest";
import { checksumOf, DISPLAY_PREFIX_LENGTH, generateKey, maskedKey, parseRawKey } from "@/lib/keys/format";

const KEY_SHAPE = /^ks_live_sk_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/;

describe("key format", () => {
  it("generates keys of the documented shape with a 15-character display prefix and a mask", () => {
    const key = generateKey("live");
    expect(key.raw).toMatch(KEY_SHAPE);
    expect(key.raw).toHaveLength(73);
    expect(key.displayPrefix).toBe(key.raw.slice(0, DISPLAY_PREFIX_LENGTH));
    expect(key.displayPrefix).toMatch(/^ks_live_sk_[0-9A-Za-z]{4}$/);
    expect(maskedKey(key.displayPrefix)).toMatch(/^ks_live_sk_[0-9A-Za-z]{4}\*{4}$/);
    expect(generateKey("test").raw.startsWith("ks_test_sk_")).toBe(true);
    expect(generateKey("test", "pk").raw).toMatch(/^ks_test_pk_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/);
  });

  it("draws a fresh key id and at least 256 bits of secret every time", () => {
    const keys = Array.from({ length: 2_000 }, () => generateKey());
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(keys.length);
    expect(new Set(keys.map((k) => k.secret)).size).toBe(keys.length);
    // 43 base62 digits hold 43·log2(62) ≈ 256.02 bits; all of them must vary across keys.
    for (const key of keys) expect(key.secret).toHaveLength(43);
    const leadingDigits = new Set(keys.map((k) => k.secret[0]));
    expect(leadingDigits.size).toBeGreaterThan(1);
  });

  it("parses what it generates", () => {
    const key = generateKey("test");
    expect(parseRawKey(key.raw)).toEqual({ environment: "test", type: "sk", keyId: key.keyId, secret: key.secret });
    const pk = generateKey("live", "pk");
    expect(parseRawKey(pk.raw)).toEqual({ environment: "live", type: "pk", keyId: pk.keyId, secret: pk.secret });
  });

  it("rejects every single-character typo through the checksum", () => {
    const { raw } = generateKey();
    const replacement = (c: string) => (c === "a" ? "b" : "a");
    for (let i = 11; i < raw.length; i++) {
      if (raw[i] === "_") continue;
      const typo = raw.slice(0, i) + replacement(raw[i]!) + raw.slice(i + 1);
      expect(parseRawKey(typo), `typo at ${i}`).toBeNull();
    }
  });

  it("rejects malformed input without throwing", () => {
    const { raw } = generateKey();
    for (const bad of [
      "",
      "ks_live_",
      raw.slice(0, -1),
      raw + "0",
      raw.replace("live", "prod"),
      raw.replace("_sk_", "_pk_"),
      raw.replace("_sk_", "_xk_"),
      ` ${raw}`,
      raw.toUpperCase(),
      "x".repeat(10_000),
      null,
      undefined,
      42,
      {},
    ]) {
      expect(parseRawKey(bad)).toBeNull();
    }
  });

  it("uses a CRC32 checksum of the key body", () => {
    const { raw } = generateKey();
    expect(raw.slice(-6)).toBe(checksumOf(raw.slice(0, -6)));
  });
});
