import { Redis } from "ioredis";
import { config } from "@/lib/config";

const store = globalThis as typeof globalThis & { keysmithRedis?: Redis | null };

/**
 * The process's Redis client for shared rate limits, or null without REDIS_URL (limits are then
 * per process). No offline queue: while Redis is unreachable a command fails at once and the
 * limiters fall back to memory instead of making verification wait.
 */
export function redisFromEnv(): Redis | null {
  if (store.keysmithRedis !== undefined) return store.keysmithRedis;
  const url = config().REDIS_URL;
  store.keysmithRedis = url ? createRedis(url) : null;
  return store.keysmithRedis;
}

/** Closes the process's Redis client (at shutdown); the next redisFromEnv() connects again. */
export async function closeRedis(): Promise<void> {
  const client = store.keysmithRedis;
  store.keysmithRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}

export function createRedis(url: string): Redis {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  // Errors surface through the limiters' fallback; an unhandled 'error' event would crash the process.
  client.on("error", () => {});
  return client;
}
