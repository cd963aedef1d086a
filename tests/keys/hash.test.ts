import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { generateKey } from "@/lib/keys/format";
import { argon2Slots, hashSecret, pepperedDigest, verifySecret } from "@/lib/keys/hash";
import { availableParallelism } from "node:os";

describe("key hashing", () => {
  // OWASP Password Storage Cheat Sheet, Argon2id: "m=47104 (46 MiB), t=1, p=1 … m=19456 (19 MiB), t=2,
  // p=1 … m=12288 (12 MiB), t=3, p=1 … m=9216 (9 MiB), t=4, p=1 … m=7168 (7 MiB), t=5, p=1" — equivalent.
  const OWASP_MINIMUMS = ["m=47104,t=1,p=1", "m=19456,t=2,p=1", "m=12288,t=3,p=1", "m=9216,t=4,p=1", "m=7168,t=5,p=1"];

  it("stores Argon2id with one of OWASP's minimum parameter sets over the peppered secret", async () => {
    const { secret } = generateKey();
    const phc = await hashSecret(secret);
    const [, algorithm, version, parameters] = phc.split("$");
    expect([algorithm, version]).toEqual(["argon2id", "v=19"]);
    expect(OWASP_MINIMUMS).toContain(parameters);
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

  it("keeps verifying keys hashed with the earlier parameters (19 MiB, 2 passes)", async () => {
    const { secret } = generateKey();
    const earlier = await hash(pepperedDigest(secret), { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32, algorithm: 2 });
    expect(earlier).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifySecret(earlier, secret)).toBe(true);
    expect(await verifySecret(earlier, generateKey().secret)).toBe(false);
  });

  it("runs at most one Argon2 per core at once, the others waiting their turn", async () => {
    const cores = availableParallelism();
    let most = 0;
    let everQueued = 0;
    const watch = setInterval(() => {
      most = Math.max(most, argon2Slots.running);
      everQueued = Math.max(everQueued, argon2Slots.queued);
    }, 0);
    const hashes = Array.from({ length: cores * 4 }, () => hashSecret(generateKey().secret));
    most = Math.max(most, argon2Slots.running);
    everQueued = Math.max(everQueued, argon2Slots.queued);
    await Promise.all(hashes);
    clearInterval(watch);
    expect(most).toBe(cores);
    expect(everQueued).toBe(cores * 3);
    expect(argon2Slots.running).toBe(0);
  });

  it("salts every hash", async () => {
    const { secret } = generateKey();
    expect(await hashSecret(secret)).not.toBe(await hashSecret(secret));
  });
});
