import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimitState } from "./result";

const WINDOW_SECONDS = 60;

export interface LimiterStoreOptions {
  /** Shared counters across instances; null keeps them in this process. */
  redis: Redis | null;
  /** Redis key prefix; tests use a unique one each. */
  prefix: string;
}

/**
 * A fixed 60-second window of `points` per key. With Redis, a memory limiter is the insurance:
 * when Redis errors or is not connected, counting continues in this process (so the limit holds
 * per instance instead of across instances) rather than failing verification or letting
 * everything through.
 */
function createLimiter(points: number, store: LimiterStoreOptions): RateLimiterAbstract {
  const options = { points, duration: WINDOW_SECONDS, keyPrefix: store.prefix };
  if (!store.redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: store.redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
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
  private readonly limiters = new Map<number, RateLimiterAbstract>();

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
  private readonly limiter: RateLimiterAbstract | null;

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
  const raw = process.env.KEYSMITH_VERIFY_FAILURES_PER_MINUTE;
  if (raw === undefined || raw === "") return 60;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`KEYSMITH_VERIFY_FAILURES_PER_MINUTE must be a whole number ≥ 0, got "${raw}".`);
  }
  return value;
}
