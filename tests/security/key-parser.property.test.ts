import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateKey, parseRawKey } from "@/lib/keys/format";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("parseRawKey (property-based)", () => {
  it("parses every generated key back to its parts", () => {
    fc.assert(
      fc.property(fc.constantFrom("live" as const, "test" as const), fc.constantFrom("sk" as const, "pk" as const), (environment, type) => {
        const key = generateKey(environment, type);
        expect(parseRawKey(key.raw)).toEqual({ environment, type, keyId: key.keyId, secret: key.secret });
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a valid key with any one character changed (the checksum catches it)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom("sk" as const, "pk" as const), (position, replacement, type) => {
        const { raw } = generateKey("live", type);
        const index = position % raw.length;
        const alphabet = BASE62 + "_-";
        let char = alphabet[replacement % alphabet.length]!;
        if (char === raw[index]) char = char === "A" ? "B" : "A";
        expect(parseRawKey(raw.slice(0, index) + char + raw.slice(index + 1))).toBeNull();
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuses two swapped neighbours, truncations and extensions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 71 }), fc.string({ minLength: 1, maxLength: 5 }), (index, extra) => {
        const { raw } = generateKey();
        if (raw[index] !== raw[index + 1]) {
          expect(parseRawKey(raw.slice(0, index) + raw[index + 1] + raw[index] + raw.slice(index + 2))).toBeNull();
        }
        expect(parseRawKey(raw.slice(0, index))).toBeNull();
        expect(parseRawKey(raw + extra)).toBeNull();
        expect(parseRawKey(extra + raw)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("returns null, never throws, for random strings, unicode and non-strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.anything()), (input) => {
        expect(parseRawKey(input)).toBeNull();
      }),
      { numRuns: 5_000 },
    );
  });

  it("refuses lookalike unicode in an otherwise valid key", () => {
    const { raw } = generateKey();
    for (const lookalike of ["\u0391", "\uff21", "\u200b", "\u0430", "\u202e"]) {
      expect(parseRawKey(raw.slice(0, 20) + lookalike + raw.slice(21))).toBeNull();
    }
  });

  it("answers at once for huge input", () => {
    const { raw } = generateKey();
    expect(parseRawKey(raw.repeat(150_000))).toBeNull();
    expect(parseRawKey("ks_live_" + "a".repeat(10_000_000))).toBeNull();
  });
});
