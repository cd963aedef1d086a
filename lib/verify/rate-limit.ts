import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { breakerFor, type RedisBreaker } from "./redis-breaker";
import { SharedCounters } from "./shared-counters";
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
 * instance) with a round trip per decision while Redis answers in time (sign-in throttling, where
 * exactness matters more than speed; verification uses SharedCounters instead), and in this process's memory while it does not (see
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
    return this.viaRedis(
      (shared) => shared.consume(key),
      () => this.local.consume(key),
    );
  }

  get(key: string): Promise<RateLimiterRes | null> {
    return this.viaRedis(
      (shared) => shared.get(key),
      () => this.local.get(key),
    );
  }

  /** Counts `points` without ever rejecting; resolves with the state after. */
  penalty(key: string, points = 1): Promise<RateLimiterRes> {
    return this.viaRedis(
      (shared) => shared.penalty(key, points),
      () => this.local.penalty(key, points),
    );
  }

  /** Marks the key as over its limit for `seconds`. */
  block(key: string, seconds: number): Promise<RateLimiterRes> {
    return this.viaRedis(
      (shared) => shared.block(key, seconds),
      () => this.local.block(key, seconds),
    );
  }

  /** Forgets the key. */
  async delete(key: string): Promise<void> {
    await this.viaRedis(
      (shared) => shared.delete(key),
      () => this.local.delete(key),
    );
  }

  private async viaRedis<T>(shared: (limiter: RateLimiterRedis) => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.shared) return local();
    if (!this.breaker?.usable) {
      metrics().rateLimitFallbacks.inc();
      return local();
    }
    try {
      return await this.breaker.call(
        () => shared(this.shared!),
        (error) => !(error instanceof RateLimiterRes),
      );
    } catch (error) {
      if (error instanceof RateLimiterRes) throw error;
      metrics().rateLimitFallbacks.inc();
      return local();
    }
  }
}

export interface LimitDecision {
  allowed: boolean;
  state: RateLimitState;
}

/**
 * Per-key limits of successful verifications per 60 s window, decided in this process and shared
 * through Redis in the background (shared-counters.ts, which states the overshoot bound).
 */
export class KeyRateLimiter {
  private readonly counters: SharedCounters;

  constructor(store: LimiterStoreOptions) {
    this.counters = new SharedCounters({ ...store, windowMs: WINDOW_SECONDS * 1000 });
  }

  consume(keyId: string, limit: number): LimitDecision {
    const now = Date.now();
    const seen = this.counters.view(keyId, now);
    if (seen.count >= limit) return { allowed: false, state: { limit, remaining: 0, reset: seen.endsAt } };
    // 1 % of the limit unsent at most before a sync (1 to 100 decisions): small limits stay tight.
    const after = this.counters.add(keyId, now, Math.min(100, Math.max(1, Math.floor(limit / 100))));
    return { allowed: true, state: { limit, remaining: Math.max(0, limit - after.count), reset: after.endsAt } };
  }

  sync(): Promise<void> {
    return this.counters.sync();
  }

  close(): void {
    this.counters.close();
  }
}

/**
 * Failed verifications (malformed keys, unknown keys, wrong secrets) per client address (or address
 * and key id): past the limit, the bucket gets RATE_LIMITED before any database or Argon2 work.
 * Counted like KeyRateLimiter: in memory, shared through Redis in the background.
 */
export class FailureLimiter {
  private readonly counters: SharedCounters | null;

  constructor(
    private readonly perMinute: number,
    store: LimiterStoreOptions,
  ) {
    // A sync per failure: failures are rare next to successes, and the bound stays one per instance.
    this.counters = perMinute > 0 ? new SharedCounters({ ...store, windowMs: WINDOW_SECONDS * 1000, flushAfter: 1 }) : null;
  }

  /** The limiter's state when `bucket` is over its limit, otherwise null. */
  blocked(bucket: string | null | undefined): RateLimitState | null {
    if (!this.counters || !bucket) return null;
    const seen = this.counters.view(bucket);
    return seen.count < this.perMinute ? null : { limit: this.perMinute, remaining: 0, reset: seen.endsAt };
  }

  record(bucket: string | null | undefined): void {
    if (this.counters && bucket) this.counters.add(bucket);
  }

  async sync(): Promise<void> {
    await this.counters?.sync();
  }

  close(): void {
    this.counters?.close();
  }
}

/** KEYSMITH_VERIFY_FAILURES_PER_MINUTE: failed verifications per client address (default 60, 0 = off). */
export function failuresPerMinuteFromEnv(): number {
  return config().KEYSMITH_VERIFY_FAILURES_PER_MINUTE;
}
