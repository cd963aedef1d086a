import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { secretTag, storedTagBytes, tagMatches } from "@/lib/keys/secret-tag";
import { getPepper } from "@/lib/keys/pepper";

// The tag as docs/verification-security.md defines it, computed here with Node's own HMAC: the first
// 64 bits of HMAC-SHA256 over the secret, keyed by HMAC-SHA256(pepper, "keysmith secret tag v1").
function specifiedTag(secret: string): string {
  const tagKey = createHmac("sha256", getPepper()).update("keysmith secret tag v1").digest();
  return createHmac("sha256", tagKey).update(secret, "utf8").digest().subarray(0, 8).toString("hex");
}

describe("secret tags", () => {
  it("are the first 64 bits of the documented HMAC-SHA256, for secrets of every length", () => {
    for (const length of [0, 1, 49, 55, 56, 63, 64, 65, 200]) {
      const secret = randomBytes(length).toString("base64url").slice(0, length);
      expect(secretTag(secret)).toBe(specifiedTag(secret));
    }
    expect(secretTag("é ✓")).toBe(specifiedTag("é ✓"));
  });

  it("match only their own secret", () => {
    const secret = randomBytes(37).toString("base64url");
    const stored = storedTagBytes(secretTag(secret))!;
    expect(tagMatches(stored, secret)).toBe(true);
    expect(tagMatches(stored, secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"))).toBe(false);
    expect(storedTagBytes(null)).toBeNull();
    expect(storedTagBytes("abc")).toBeNull();
    expect(storedTagBytes("zz".repeat(8))).toBeNull();
  });
});
