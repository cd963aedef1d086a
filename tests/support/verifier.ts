import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { UsageRecorder } from "@/lib/usage/recorder";
import { Verifier, type VerifierOptions } from "@/lib/verify";
import { loadKeyStatesFromDb, type LoadKeyStates } from "@/lib/verify/key-state-store";
import { createRedis } from "@/lib/verify/redis";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redis = createRedis(REDIS_URL);
const opened: Verifier[] = [];

afterAll(async () => {
  await Promise.all(opened.map((verifier) => verifier.close()));
  redis.disconnect();
});

export function uniquePrefix(): string {
  return `keysmith-test:${randomBytes(6).toString("hex")}`;
}

/** Counts the key-state queries a verifier makes, so tests can prove "no database access". */
export function countingLoader(): LoadKeyStates & { calls: number } {
  const load = (async (keyIds: string[]) => {
    load.calls += 1;
    return loadKeyStatesFromDb(keyIds);
  }) as LoadKeyStates & { calls: number };
  load.calls = 0;
  return load;
}

/** A verifier on the test database and the local Redis, with its own limits and usage recorder. */
export async function testVerifier(options: VerifierOptions = {}): Promise<{ verifier: Verifier; usage: UsageRecorder }> {
  const usage = options.usage ?? new UsageRecorder(60_000);
  const verifier = new Verifier({
    redis,
    rateLimitPrefix: uniquePrefix(),
    failuresPerMinute: 0,
    usage,
    ...options,
  });
  opened.push(verifier);
  await verifier.ready();
  return { verifier, usage };
}

export { redis as testRedis };
