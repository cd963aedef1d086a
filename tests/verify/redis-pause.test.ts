import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthReport } from "@/lib/health";
import { createKey } from "@/lib/keys/service";
import { breakerFor } from "@/lib/verify/redis-breaker";
import { createRedis } from "@/lib/verify/redis";
import { createOrgWithMembers } from "../support/fixtures";
import { startOwnRedis, type OwnRedis } from "../support/own-redis";
import { testVerifier } from "../support/verifier";
import type { Redis } from "ioredis";

// A hung Redis (SIGSTOP: the socket stays open, nothing answers) once stalled every verification
// for the whole pause. Redis is an accelerator: verification must go on at once, in memory.

let redis: OwnRedis;
let client: Redis;
const store = globalThis as typeof globalThis & { keysmithRedis?: Redis | null };

beforeAll(async () => {
  redis = await startOwnRedis();
  client = createRedis(redis.url);
  await new Promise<void>((resolve) => (client.status === "ready" ? resolve() : client.once("ready", () => resolve())));
});

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

/** The verification's latency: no cap, so a verification that waited for Redis would never end while it is paused. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

describe("a paused Redis", () => {
  it("never stalls verification, limits hold per instance, health says degraded, and Redis is used again once it answers", async () => {
    const org = await createOrgWithMembers();
    const prefix = `keysmith-test:pause-${Date.now()}`;
    const { verifier } = await testVerifier({ redis: client, rateLimitPrefix: prefix, failuresPerMinute: 1_000_000 });
    const busy = await createKey(org.owner, { name: "busy", rateLimitPerMinute: 1_000_000 });
    const limited = await createKey(org.owner, { name: "limited", rateLimitPerMinute: 10 });
    expect((await verifier.verify(busy.rawKey, { ip: "192.0.2.1" })).code).toBe("VALID"); // proof cached, Redis in use
    expect(breakerFor(client).open).toBe(false);

    await redis.pause();
    try {
      const latencies: number[] = [];
      const jobs = Array.from({ length: 400 }, (_, i) => (i % 4 === 3 ? "ks_live_malformed" : busy.rawKey));
      for (let i = 0; i < jobs.length; i += 8) {
        latencies.push(...(await Promise.all(jobs.slice(i, i + 8).map((key) => timed(() => verifier.verify(key, { ip: "192.0.2.1" }))))));
      }
      // Every one answered while Redis is still paused (it is resumed only below): none waited for it.
      // How fast they answered depends on the machine, so it is printed, not asserted (the load test
      // reports p99 during a pause: docs/load-tests.md).
      expect(latencies).toHaveLength(400);
      console.log(
        `verify during a Redis pause: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${Math.max(...latencies).toFixed(1)} ms (${latencies.length} verifications)`,
      );

      // The limit holds in this instance's memory: 10 of 25.
      const codes = [];
      for (let i = 0; i < 25; i++) codes.push((await verifier.verify(limited.rawKey)).code);
      expect(codes.filter((c) => c === "VALID")).toHaveLength(10);
      expect(codes.slice(10).every((c) => c === "RATE_LIMITED")).toBe(true);

      store.keysmithRedis = client; // the health route reads the process's Redis
      // The counters' background sync gives Redis up to a second before it calls it hung.
      await expect
        .poll(async () => (await healthReport()).body, { timeout: 20_000, interval: 50 })
        .toMatchObject({ status: "degraded", degraded: [expect.stringMatching(/^redis: bypassed/)] });
      expect((await healthReport()).httpStatus).toBe(200);
    } finally {
      redis.resume();
    }

    // The probe closes the breaker once Redis answers; counting is shared (in Redis) again.
    await expect.poll(() => breakerFor(client).open, { timeout: 20_000 }).toBe(false);
    expect((await healthReport()).body).toMatchObject({ status: "ok" });
    delete store.keysmithRedis;
    // What memory counted during the pause reaches Redis once it answers: the window's 10 are not
    // forgotten, and the key stays limited for the rest of its window.
    await verifier.syncLimits();
    expect(await client.get(`${prefix}:key:${limited.rawKey.slice(11, 23)}`)).toBe("10");
    expect((await verifier.verify(limited.rawKey)).code).toBe("RATE_LIMITED");
  });
});
