import type { Redis } from "ioredis";
import { log } from "@/lib/log";

// Redis only speeds up shared rate limits; it must never make verification wait. Every command
// gets a short deadline; the first failure (timeout, error, not connected) opens the breaker, and
// while it is open nobody calls Redis at all — the limiters count in this process at once. A
// background probe (PING with the same deadline) closes it when Redis answers again.

export const REDIS_TIMEOUT_MS = 50;
const PROBE_EVERY_MS = 250;

export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = "RedisTimeoutError";
  }
}

function withDeadline<T>(operation: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
  });
  return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
}

export interface RedisBreakerOptions {
  timeoutMs?: number;
  probeEveryMs?: number;
}

export class RedisBreaker {
  private openedAt: number | null = null;
  private reason = "";
  private probe: NodeJS.Timeout | null = null;
  private probing = false;
  private readonly timeoutMs: number;
  private readonly probeEveryMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisBreakerOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? REDIS_TIMEOUT_MS;
    this.probeEveryMs = options.probeEveryMs ?? PROBE_EVERY_MS;
  }

  /** Whether Redis is being bypassed right now. */
  get open(): boolean {
    return this.openedAt !== null;
  }

  /** Why and since when Redis is bypassed, for the health route; null while it is in use. */
  get degradation(): { since: Date; reason: string } | null {
    return this.openedAt === null ? null : { since: new Date(this.openedAt), reason: this.reason };
  }

  /** Whether a call may go to Redis: the breaker is closed and the client is connected. */
  get usable(): boolean {
    if (this.open) return false;
    if (this.redis.status === "ready") return true;
    this.trip(`not connected (${this.redis.status})`);
    return false;
  }

  /**
   * Runs one Redis operation within the deadline (`timeoutMs`, default the breaker's: background work
   * that no request waits for may allow itself longer). An error `isFailure` says is Redis's fault opens
   * the breaker (a rate-limit refusal is an answer, not a failure); the error is rethrown either way.
   */
  async call<T>(operation: () => Promise<T>, isFailure: (error: unknown) => boolean = () => true, timeoutMs = this.timeoutMs): Promise<T> {
    try {
      return await withDeadline(operation(), timeoutMs);
    } catch (error) {
      if (isFailure(error)) this.trip(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Stops the background probe (the breaker stays as it is). */
  close(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  private trip(reason: string): void {
    if (this.open) return;
    this.openedAt = Date.now();
    this.reason = reason;
    log.warn({ reason }, "redis bypassed: rate limits count per instance until it answers again");
    this.probe = setInterval(() => void this.tryProbe(), this.probeEveryMs);
    this.probe.unref();
  }

  private async tryProbe(): Promise<void> {
    if (this.probing || this.redis.status !== "ready") return;
    this.probing = true;
    try {
      await withDeadline(this.redis.ping(), this.timeoutMs);
      log.info({ downMs: Date.now() - (this.openedAt ?? Date.now()) }, "redis answers again: rate limits are shared again");
      this.openedAt = null;
      this.close();
    } catch {
      // still down: the next probe tries again
    } finally {
      this.probing = false;
    }
  }
}

// On globalThis: Next bundles each route separately, and the health route must see the breaker the
// verify route's limiters trip.
const store = globalThis as typeof globalThis & { keysmithRedisBreakers?: WeakMap<Redis, RedisBreaker> };

/**
 * The one breaker of a Redis client, shared by every limiter (and the health route) using it.
 * `options` apply when it is created (tests give a client a deadline a busy machine cannot miss).
 */
export function breakerFor(redis: Redis, options?: RedisBreakerOptions): RedisBreaker {
  const breakers = (store.keysmithRedisBreakers ??= new WeakMap());
  let breaker = breakers.get(redis);
  if (!breaker) {
    breaker = new RedisBreaker(redis, options);
    breakers.set(redis, breaker);
  }
  return breaker;
}
