import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { db } from "@/lib/db/client";
import { updateKey } from "@/lib/keys/edit";
import { createKey } from "@/lib/keys/service";
import { notifyKeyChangedNow } from "@/lib/keys/notify";
import type { Verifier } from "@/lib/verify";
import { breakerFor } from "@/lib/verify/redis-breaker";
import { createRedis } from "@/lib/verify/redis";
import { createOrgWithMembers } from "../support/fixtures";
import { startOwnRedis } from "../support/own-redis";
import { REDIS_URL, testVerifier, uniquePrefix } from "../support/verifier";

// Usage credits on the real PostgreSQL and Redis: concurrent spends never go past the credits,
// whether they are spent in Redis (Lua) or in the database (UPDATE … WHERE remaining >= cost).

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;

/**
 * A Redis client whose commands get 10 s, not 50 ms: on a busy machine a Lua call past the 50 ms
 * deadline sends spending to PostgreSQL, and the call, run by Redis anyway, spends a credit nobody
 * got — never more than the credits, but not the exact count these tests assert.
 */
function patientRedis(url = REDIS_URL): Redis {
  const client = createRedis(url);
  breakerFor(client, { timeoutMs: 10_000 });
  return client;
}
const patient = patientRedis();
afterAll(() => patient.disconnect());
let org: Org;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const storedRemaining = async (id: string) => (await db().apiKey.findUniqueOrThrow({ where: { id } })).remaining;

/** Two verifier instances sharing Redis (or not): separate caches, limits and write-backs, like two servers. */
async function twoVerifiers(redis: Redis | null): Promise<[Verifier, Verifier]> {
  const creditPrefix = uniquePrefix();
  const options = { redis, creditPrefix, creditFlushMs: 60_000 };
  return [(await testVerifier(options)).verifier, (await testVerifier(options)).verifier];
}

/** `total` verifications alternating between the verifiers, all in flight at once; the codes. */
async function spendConcurrently(verifiers: Verifier[], rawKey: string, total: number, cost?: number): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: total }, (_, i) => verifiers[i % verifiers.length]!.verify(rawKey, cost === undefined ? {} : { cost })),
  );
  return answers.map((answer) => answer.code);
}

const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

describe.each([
  ["Redis", () => patient],
  ["the database (no Redis)", () => null],
])("credits spent in %s", (_, redisOf) => {
  it("two instances spending one key concurrently never over-spend; the count written back is exact", async () => {
    const verifiers = await twoVerifiers(redisOf());
    const key = await createKey(org.owner, { name: "credits", remaining: 50, rateLimitPerMinute: 1_000_000 });
    // Proofs cached first, so the spends themselves race rather than Argon2.
    for (const verifier of verifiers) expect((await verifier.verify(key.rawKey, { cost: 0 })).remaining).toBe(50);
    const codes = await spendConcurrently(verifiers, key.rawKey, 120);
    expect(count(codes, "VALID")).toBe(50);
    expect(count(codes, "USAGE_EXCEEDED")).toBe(70);
    await Promise.all(verifiers.map((verifier) => verifier.flushCredits()));
    expect(await storedRemaining(key.key.id)).toBe(0);
  });

  it("cost spends several credits, 0 checks without spending, USAGE_EXCEEDED answers what is left", async () => {
    const [verifier] = await twoVerifiers(redisOf());
    const key = await createKey(org.owner, { name: "cost", remaining: 10 });
    expect(await verifier.verify(key.rawKey, { cost: 4 })).toMatchObject({ valid: true, code: "VALID", remaining: 6 });
    expect(await verifier.verify(key.rawKey, { cost: 4 })).toMatchObject({ code: "VALID", remaining: 2 });
    expect(await verifier.verify(key.rawKey, { cost: 4 })).toMatchObject({
      valid: false,
      code: "USAGE_EXCEEDED",
      remaining: 2,
      keyId: key.key.keyId,
    });
    expect(await verifier.verify(key.rawKey, { cost: 0 })).toMatchObject({ code: "VALID", remaining: 2 });
    expect(await verifier.verify(key.rawKey)).toMatchObject({ code: "VALID", remaining: 1 });
    expect(await verifier.verify(key.rawKey)).toMatchObject({ code: "VALID", remaining: 0 });
    expect(await verifier.verify(key.rawKey)).toMatchObject({ code: "USAGE_EXCEEDED", remaining: 0 });
    expect(await verifier.verify(key.rawKey, { cost: 0 })).toMatchObject({ code: "VALID", remaining: 0 });
    // The management API never spends credits.
    expect(await verifier.verify(key.rawKey, { purpose: "management" })).toMatchObject({ code: "VALID", remaining: null });
    await verifier.flushCredits();
    expect(await storedRemaining(key.key.id)).toBe(0);
  });

  it("a key without credits answers remaining null and is never limited by them", async () => {
    const [verifier] = await twoVerifiers(redisOf());
    const key = await createKey(org.owner, { name: "unlimited" });
    expect(key.key.credits).toEqual({ remaining: null, refill: null });
    expect(await verifier.verify(key.rawKey, { cost: 1_000_000 })).toMatchObject({ code: "VALID", remaining: null });
  });

  it("a daily refill happens once the period has turned (the last refill set a day back in the database)", async () => {
    const [verifier] = await twoVerifiers(redisOf());
    const key = await createKey(org.owner, { name: "daily", remaining: 2, refill: { interval: "daily", amount: 5 } });
    expect(key.key.credits).toEqual({ remaining: 2, refill: { interval: "daily", amount: 5, dayOfMonth: null } });
    expect((await spendConcurrently([verifier], key.rawKey, 3)).sort()).toEqual(["USAGE_EXCEEDED", "VALID", "VALID"]);
    await verifier.flushCredits();
    await pretendLastRefill(key.key.id, key.key.keyId, "1 day");
    await expect.poll(async () => (await verifier.verify(key.rawKey)).remaining, { timeout: 20_000 }).toBe(4);
    expect(await verifier.verify(key.rawKey)).toMatchObject({ code: "VALID", remaining: 3 });
    await verifier.flushCredits();
    expect(await storedRemaining(key.key.id)).toBe(3);
    // Not again within the period.
    expect(await verifier.verify(key.rawKey, { cost: 3 })).toMatchObject({ code: "VALID", remaining: 0 });
    expect(await verifier.verify(key.rawKey)).toMatchObject({ code: "USAGE_EXCEEDED", remaining: 0 });
  });

  it("a monthly refill on a day of the month happens once that day has come", async () => {
    const [verifier] = await twoVerifiers(redisOf());
    const day = new Date().getUTCDate();
    const key = await createKey(org.owner, {
      name: "monthly",
      remaining: 1,
      refill: { interval: "monthly", amount: 100, dayOfMonth: day },
    });
    expect(key.key.credits.refill).toEqual({ interval: "monthly", amount: 100, dayOfMonth: day });
    expect(await verifier.verify(key.rawKey)).toMatchObject({ code: "VALID", remaining: 0 });
    expect(await verifier.verify(key.rawKey)).toMatchObject({ code: "USAGE_EXCEEDED" });
    await verifier.flushCredits();
    // Refilled at the start of this period (today, the day of the month): a last refill a day before it is a period back.
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.key.id } });
    expect(stored.lastRefillAt!.getUTCDate()).toBe(day);
    await pretendLastRefill(key.key.id, key.key.keyId, "1 month");
    await expect.poll(async () => (await verifier.verify(key.rawKey)).remaining, { timeout: 20_000 }).toBe(99);
  });

  it("an edit of the credits applies at once, whatever the old copy held", async () => {
    const verifiers = await twoVerifiers(redisOf());
    const key = await createKey(org.owner, { name: "edited", remaining: 3 });
    expect((await spendConcurrently(verifiers, key.rawKey, 5)).filter((c) => c === "VALID")).toHaveLength(3);
    // The audit's "from" is what was written back last (within a write-back interval of the spends).
    await Promise.all(verifiers.map((verifier) => verifier.flushCredits()));
    const edited = await updateKey(org.owner, key.key.id, { remaining: 7 });
    expect(edited.credits.remaining).toBe(7);
    await expect.poll(async () => (await verifiers[0].verify(key.rawKey, { cost: 0 })).remaining, { timeout: 20_000 }).toBe(7);
    const codes = await spendConcurrently(verifiers, key.rawKey, 10);
    expect(count(codes, "VALID")).toBe(7);
    const audit = await db().auditEvent.findFirst({ where: { targetId: key.key.id, action: "key.update" } });
    expect((audit!.metadata as { changes: unknown }).changes).toEqual({ remaining: { from: 0, to: 7 } });
  });
});

/**
 * Moves the key's last refill back by `interval` in the database, as if that much time had passed
 * there; a new generation (as an edit makes) so a Redis copy is reloaded from it.
 */
async function pretendLastRefill(id: string, keyId: string, interval: string): Promise<void> {
  await db()
    .$executeRaw`UPDATE "ApiKey" SET "lastRefillAt" = "lastRefillAt" - ${interval}::interval, "creditGen" = "creditGen" + 1 WHERE id = ${id}::uuid`;
  await notifyKeyChangedNow(keyId);
}

describe("Redis unavailable", () => {
  let stopped: Redis;
  beforeAll(async () => {
    const own = await startOwnRedis();
    stopped = createRedis(own.url);
    await new Promise<void>((resolve) => (stopped.status === "ready" ? resolve() : stopped.once("ready", () => resolve())));
    await own.stop();
  });
  afterAll(() => stopped.disconnect());

  it("spends in the database, still exact across instances (never unlimited)", async () => {
    const verifiers = await twoVerifiers(stopped);
    const key = await createKey(org.owner, { name: "no redis", remaining: 30, rateLimitPerMinute: 1_000_000 });
    for (const verifier of verifiers) await verifier.verify(key.rawKey, { cost: 0 });
    expect(breakerFor(stopped).usable).toBe(false);
    const codes = await spendConcurrently(verifiers, key.rawKey, 60);
    expect(count(codes, "VALID")).toBe(30);
    expect(count(codes, "USAGE_EXCEEDED")).toBe(30);
    expect(await storedRemaining(key.key.id)).toBe(0);
  });
});

describe("Redis going away mid-use", () => {
  it("credits spent in Redis and written back, then in the database: the total stays exact", async () => {
    const own = await startOwnRedis();
    const client = patientRedis(own.url);
    try {
      await new Promise<void>((resolve) => (client.status === "ready" ? resolve() : client.once("ready", () => resolve())));
      const [verifier] = await twoVerifiers(client);
      const key = await createKey(org.owner, { name: "failover", remaining: 20, rateLimitPerMinute: 1_000_000 });
      expect(count(await spendConcurrently([verifier], key.rawKey, 8), "VALID")).toBe(8);
      await verifier.flushCredits();
      expect(await storedRemaining(key.key.id)).toBe(12);
      await own.stop();
      const codes = await spendConcurrently([verifier], key.rawKey, 20);
      expect(count(codes, "VALID")).toBe(12);
      expect(await storedRemaining(key.key.id)).toBe(0);
    } finally {
      client.disconnect();
      await own.stop();
    }
  });
});

describe("Redis paused (a hung Redis: the socket open, nothing answered)", () => {
  it("spends in the database at once and exactly; once Redis answers again its stale copy is not used", async () => {
    const own = await startOwnRedis();
    const client = createRedis(own.url);
    try {
      await new Promise<void>((resolve) => (client.status === "ready" ? resolve() : client.once("ready", () => resolve())));
      const verifiers = await twoVerifiers(client);
      const key = await createKey(org.owner, { name: "paused", remaining: 25, rateLimitPerMinute: 1_000_000 });
      expect(count(await spendConcurrently(verifiers, key.rawKey, 5), "VALID")).toBe(5);
      await Promise.all(verifiers.map((verifier) => verifier.flushCredits()));
      expect(await storedRemaining(key.key.id)).toBe(20);

      await own.pause();
      let codes: string[];
      try {
        // The first waits out its 50 ms deadline and opens the breaker; the rest never call Redis.
        codes = [(await verifiers[0].verify(key.rawKey)).code];
        expect(breakerFor(client).open).toBe(true);
        codes.push(...(await spendConcurrently(verifiers, key.rawKey, 29)));
      } finally {
        own.resume();
      }
      expect(count(codes, "VALID")).toBe(20);
      expect(await storedRemaining(key.key.id)).toBe(0);

      // Redis still holds 19 in its copy (the first, timed-out spend ran once Redis resumed); the
      // database spends gave the key a new generation, so that copy is never used again.
      await expect.poll(() => breakerFor(client).open, { timeout: 20_000 }).toBe(false);
      expect(await verifiers[0].verify(key.rawKey)).toMatchObject({ code: "USAGE_EXCEEDED", remaining: 0 });
      expect(await verifiers[1].verify(key.rawKey)).toMatchObject({ code: "USAGE_EXCEEDED", remaining: 0 });
    } finally {
      client.disconnect();
      await own.stop();
    }
  });
});
