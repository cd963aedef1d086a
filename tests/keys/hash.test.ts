import { describe, expect, it } from "vitest";
import { generateKey } from "@/lib/keys/format";
import { hashSecret, pepperedDigest, verifySecret } from "@/lib/keys/hash";

describe("key hashing", () => {
  it("stores Argon2id with OWASP parameters over the peppered secret", async () => {
    const { secret } = generateKey();
    const phc = await hashSecret(secret);
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(phc).not.toContain(secret);
    expect(phc).not.toContain(pepperedDigest(secret));
  });

  it("verifies the right secret and refuses others", async () => {
    const a = generateKey();
    const b = generateKey();
    const phc = await hashSecret(a.secret);
    expect(await verifySecret(phc, a.secret)).toBe(true);
    expect(await verifySecret(phc, b.secret)).toBe(false);
    expect(await verifySecret("not a phc string", a.secret)).toBe(false);
  });

  it("salts every hash", async () => {
    const { secret } = generateKey();
    expect(await hashSecret(secret)).not.toBe(await hashSecret(secret));
  });
});
