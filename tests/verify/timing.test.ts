import { Agent, request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/format";
import { createKey } from "@/lib/keys/service";
import { createVerifyServer } from "@/lib/verify/server";
import { createOrgWithMembers } from "../support/fixtures";
import { withSecret } from "../support/key-variants";
import { listen } from "../support/listen";
import { testVerifier } from "../support/verifier";

// Does the answer time tell an unknown keyId from a known key's wrong secret? Durations are never
// compared with a number of microseconds (that would test the CPU): the two kinds are compared
// with each other, their samples interleaved in one random order so that drift (other processes,
// GC, JIT) falls on both alike.
// - Over HTTP, as a prober sees them, the measure is the Mann-Whitney AUC: the chance that a
//   random sample of one kind is slower than a random sample of the other. 0.5 means a single
//   timing tells nothing; a prober's best guess from one timing is right with probability
//   max(AUC, 1 − AUC).
// - In process, the work itself: the medians of both kinds within 10 % of each other. The AUC is
//   not used there: at ~7 µs a verification's time moves by a few hundred nanoseconds with where
//   its objects lie in memory (a per-key failure counter against the address's one), so 10,000
//   samples tell groups of keys apart by that alone, whichever kind they are. Skipping the tag's
//   HMAC on one path, or any Argon2, is far outside 10 %.

const SAMPLES = 10_000;
const IP = "203.0.113.50";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

/** P(a sample of `a` is slower than one of `b`), ties counting half, from the rank sum. */
function auc(a: number[], b: number[]): number {
  const all = [...a.map((value) => ({ value, fromA: true })), ...b.map((value) => ({ value, fromA: false }))].sort(
    (x, y) => x.value - y.value,
  );
  let rankSumA = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]!.value === all[i]!.value) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.fromA) rankSumA += averageRank;
    i = j;
  }
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  return u / (a.length * b.length);
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Verify = (key: string) => Promise<string>;

/** Times each verification of `plan`, in its order; returns the durations per kind and the codes seen. */
async function timeAll(
  verify: Verify,
  plan: { kind: "a" | "b"; key: string }[],
): Promise<{ a: number[]; b: number[]; codes: Set<string> }> {
  const out = { a: [] as number[], b: [] as number[], codes: new Set<string>() };
  for (const { kind, key } of plan) {
    const started = performance.now();
    const code = await verify(key);
    out[kind].push(performance.now() - started);
    out.codes.add(code);
  }
  return out;
}

/** POST /api/tokens/verify on `base`, one keep-alive connection, as a prober would. */
function overHttp(base: string): Verify {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (key) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ key });
      const req = request(
        `${base}/api/tokens/verify`,
        { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve((JSON.parse(text) as { code: string }).code));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}

describe("answer time of unknown keys and wrong secrets", () => {
  it("cannot tell an unknown keyId from a wrong secret (10,000 samples each), and neither runs Argon2", async () => {
    // The failure limiter runs on every sample (it is part of both paths) but never refuses.
    const { verifier } = await testVerifier({ failuresPerMinute: 1_000_000_000 });
    const known = await Promise.all(Array.from({ length: 10 }, (_, i) => createKey(org.owner, { name: `timed ${i}` })));
    const unknown = Array.from({ length: 10 }, () => generateKey().raw);
    // Both kinds with their key state cached, as a prober asking twice would find them.
    for (const key of [...known.map((k) => k.rawKey), ...unknown]) await verifier.verify(key, { ip: IP });
    const argon2Before = verifier.stats.argon2Runs;
    const plan = () =>
      shuffled([
        ...Array.from({ length: SAMPLES }, (_, i) => ({
          kind: "a" as const,
          key: withSecret(unknown[i % unknown.length]!, generateKey().secret),
        })),
        ...Array.from({ length: SAMPLES }, (_, i) => ({
          kind: "b" as const,
          key: withSecret(known[i % known.length]!.rawKey, generateKey().secret),
        })),
      ]);

    const inProcess: Verify = async (key) => (await verifier.verify(key, { ip: IP })).code;
    const web = overHttp(await listen(createVerifyServer({ verifier })));
    const inside = plan();
    await timeAll(inProcess, inside.slice(0, 2_000)); // warm-up: JIT, caches
    const { a: insideUnknown, b: insideWrong, codes } = await timeAll(inProcess, inside);
    const outside = plan();
    await timeAll(web, outside.slice(0, 2_000));
    const { a: webUnknown, b: webWrong, codes: webCodes } = await timeAll(web, outside);

    const workRatio = median(insideUnknown) / median(insideWrong);
    const score = auc(webUnknown, webWrong);
    const us = (values: number[]) => `${(median(values) * 1000).toFixed(1)} µs`;
    console.log(
      `in process: unknown keyId ${us(insideUnknown)}, wrong secret ${us(insideWrong)} (ratio ${workRatio.toFixed(3)}, AUC ${auc(insideUnknown, insideWrong).toFixed(3)}); ` +
        `over HTTP: unknown keyId ${us(webUnknown)}, wrong secret ${us(webWrong)}, AUC ${score.toFixed(3)}; ${SAMPLES} samples each`,
    );
    expect([...codes, ...webCodes]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(verifier.stats.argon2Runs).toBe(argon2Before);
    expect(Math.abs(workRatio - 1)).toBeLessThan(0.1);
    // Over HTTP a single timing guesses right at most 55 % of the time.
    expect(Math.abs(score - 0.5)).toBeLessThan(0.05);
  });

  it("the same measure sees a real difference: a key without a tag still pays Argon2 for a wrong secret", async () => {
    const { verifier } = await testVerifier({ failuresPerMinute: 1_000_000_000 });
    const tagged = await createKey(org.owner, { name: "tagged" });
    const legacy = await createKey(org.owner, { name: "made before tags" });
    await db().apiKey.update({ where: { id: legacy.key.id }, data: { secretTag: null } });
    for (const key of [tagged.rawKey, legacy.rawKey]) await verifier.verify(withSecret(key, generateKey().secret), { ip: IP });

    const plan = shuffled([
      ...Array.from({ length: 100 }, () => ({ kind: "a" as const, key: withSecret(legacy.rawKey, generateKey().secret) })),
      ...Array.from({ length: 100 }, () => ({ kind: "b" as const, key: withSecret(tagged.rawKey, generateKey().secret) })),
    ]);
    const { a: legacyMs, b: taggedMs } = await timeAll(async (key) => (await verifier.verify(key, { ip: IP })).code, plan);
    const score = auc(legacyMs, taggedMs);
    console.log(`wrong secret without a tag vs with one: AUC ${score.toFixed(3)}`);
    expect(score).toBeGreaterThan(0.9);
  });
});

describe("secret tags", () => {
  it("are written with new keys, and filled in at the first verification of a key made before them", async () => {
    const { verifier } = await testVerifier();
    const created = await createKey(org.owner, { name: "tag me" });
    const stored = async () => (await db().apiKey.findUniqueOrThrow({ where: { id: created.key.id } })).secretTag;
    const tag = await stored();
    expect(tag).toMatch(/^[0-9a-f]{16}$/);

    await db().apiKey.update({ where: { id: created.key.id }, data: { secretTag: null } });
    // Without a tag a wrong secret is refused by Argon2, the key keeps working, and its proof writes the tag back.
    expect((await verifier.verify(withSecret(created.rawKey, generateKey().secret))).code).toBe("NOT_FOUND");
    expect(verifier.stats.argon2Runs).toBe(1);
    expect((await verifier.verify(created.rawKey)).code).toBe("VALID");
    await verifier.tagWritesSettled();
    expect(await stored()).toBe(tag);

    // A fresh verifier reads the tag: a wrong secret costs no Argon2, the right one one run.
    const { verifier: fresh } = await testVerifier();
    expect((await fresh.verify(withSecret(created.rawKey, generateKey().secret))).code).toBe("NOT_FOUND");
    expect(fresh.stats.argon2Runs).toBe(0);
    expect((await fresh.verify(created.rawKey)).code).toBe("VALID");
    expect(fresh.stats.argon2Runs).toBe(1);
  });

  it("never writes a tag over a hash that changed since the proof", async () => {
    const created = await createKey(org.owner, { name: "rehashed" });
    await db().apiKey.update({ where: { id: created.key.id }, data: { secretTag: null } });
    const { verifier } = await testVerifier();
    // The row's hash changes after the state was read: the lazy write must not match it.
    await verifier.verify(withSecret(created.rawKey, generateKey().secret));
    await db().apiKey.update({
      where: { id: created.key.id },
      data: { hash: "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$changedchangedchangedchangedchangedchangedc" },
    });
    expect((await verifier.verify(created.rawKey)).code).toBe("VALID");
    await verifier.tagWritesSettled();
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.key.id } });
    expect(row.secretTag).toBeNull();
  });
});

describe("proofs", () => {
  it("stay valid while the hash is unchanged, and are evicted by the memory budget, least recently used first", async () => {
    const { verifier } = await testVerifier({ proofCacheBytes: 320 * 3 });
    const keys = await Promise.all(Array.from({ length: 4 }, (_, i) => createKey(org.owner, { name: `proof ${i}` })));
    for (const key of keys) expect((await verifier.verify(key.rawKey)).code).toBe("VALID");
    expect(verifier.stats).toMatchObject({ proofs: 3, argon2Runs: 4 });
    // The three newest are remembered: no Argon2. The first was evicted: one more run.
    for (const key of keys.slice(1)) await verifier.verify(key.rawKey);
    expect(verifier.stats.argon2Runs).toBe(4);
    await verifier.verify(keys[0]!.rawKey);
    expect(verifier.stats.argon2Runs).toBe(5);
  });
});
