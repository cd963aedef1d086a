import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { breakerFor, type RedisBreaker } from "./redis-breaker";
import type { RateLimitState } from "./result";
import { config } from "@/lib/config";
import { metrics } from "@/lib/metrics";

const WINDOW_SECONDS = 60;

export interface LimiterStoreOptions {
  /** Shared counters across instances; null keeps them in this process. */
  redis: Redis | null;
  /** Redis key prefix; tests use a unique one each. */
  prefix: string;
}

/**
 * A fixed window (60 s unless given) of `points` per key, counted in Redis (shared by every
 * instance) while Redis answers in time, and in this process's memory while it does not (see
 * redis-breaker.ts): the limit then holds per instance instead of across instances, and callers
 * never wait for or fail on Redis.
 */
export class Limiter {
  private readonly shared: RateLimiterRedis | null;
  private readonly breaker: RedisBreaker | null;
  private readonly local: RateLimiterMemory;

  constructor(points: number, store: LimiterStoreOptions, durationSeconds = WINDOW_SECONDS) {
    const options = { points, duration: durationSeconds, keyPrefix: store.prefix };
    this.local = new RateLimiterMemory(options);
    this.shared = store.redis ? new RateLimiterRedis({ ...options, storeClient: store.redis, rejectIfRedisNotReady: true }) : null;
    this.breaker = store.redis ? breakerFor(store.redis) : null;
  }

  /** Resolves with the state after counting one point; rejects with a RateLimiterRes over the limit. */
  consume(key: string): Promise<RateLimiterRes> {
    return this.viaRedis((shared) => shared.consume(key), () => this.local.consume(key));
  }

  get(key: string): Promise<RateLimiterRes | null> {
    return this.viaRedis((shared) => shared.get(key), () => this.local.get(key));
  }

  /** Counts `points` without ever rejecting; resolves with the state after. */
  penalty(key: string, points = 1): Promise<RateLimiterRes> {
    return this.viaRedis((shared) => shared.penalty(key, points), () => this.local.penalty(key, points));
  }

  /** Marks the key as over its limit for `seconds`. */
  block(key: string, seconds: number): Promise<RateLimiterRes> {
    return this.viaRedis((shared) => shared.block(key, seconds), () => this.local.block(key, seconds));
  }

  /** Forgets the key. */
  async delete(key: string): Promise<void> {
    await this.viaRedis((shared) => shared.delete(key), () => this.local.delete(key));
  }

  private async viaRedis<T>(shared: (limiter: RateLimiterRedis) => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.shared) return local();
    if (!this.breaker?.usable) {
      metrics().rateLimitFallbacks.inc();
      return local();
    }
    try {
      return await this.breaker.call(() => shared(this.shared!), (error) => !(error instanceof RateLimiterRes));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw error;
      metrics().rateLimitFallbacks.inc();
      return local();
    }
  }
}

function createLimiter(points: number, store: LimiterStoreOptions): Limiter {
  return new Limiter(points, store);
}

function stateOf(res: RateLimiterRes, limit: number): RateLimitState {
  return { limit, remaining: Math.max(0, res.remainingPoints), reset: Date.now() + res.msBeforeNext };
}

export interface LimitDecision {
  allowed: boolean;
  state: RateLimitState;
}

/** Per-key limits: one limiter per distinct limit, all counting in the same keyspace. */
export class KeyRateLimiter {
  private readonly limiters = new Map<number, Limiter>();

  constructor(private readonly store: LimiterStoreOptions) {}

  async consume(keyId: string, limit: number): Promise<LimitDecision> {
    let limiter = this.limiters.get(limit);
    if (!limiter) {
      limiter = createLimiter(limit, this.store);
      this.limiters.set(limit, limiter);
    }
    try {
      return { allowed: true, state: stateOf(await limiter.consume(keyId), limit) };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, state: stateOf(rejection, limit) };
      throw rejection;
    }
  }
}

/**
 * Failed verifications (malformed keys, unknown keys, wrong secrets) per client address: past
 * the limit, an address gets RATE_LIMITED before any parsing or database work.
 */
export class FailureLimiter {
  private readonly limiter: Limiter | null;

  constructor(
    private readonly perMinute: number,
    store: LimiterStoreOptions,
  ) {
    this.limiter = perMinute > 0 ? createLimiter(perMinute, store) : null;
  }

  /** The limiter's state when `ip` is over its limit, otherwise null. */
  async blocked(ip: string | null | undefined): Promise<RateLimitState | null> {
    if (!this.limiter || !ip) return null;
    const res = await this.limiter.get(ip).catch(() => null);
    if (!res || res.consumedPoints < this.perMinute) return null;
    return { limit: this.perMinute, remaining: 0, reset: Date.now() + res.msBeforeNext };
  }

  async record(ip: string | null | undefined): Promise<void> {
    if (!this.limiter || !ip) return;
    await this.limiter.consume(ip).catch(() => {});
  }
}

/** KEYSMITH_VERIFY_FAILURES_PER_MINUTE: failed verifications per client address (default 60, 0 = off). */
export function failuresPerMinuteFromEnv(): number {
  return config().KEYSMITH_VERIFY_FAILURES_PER_MINUTE;
}
