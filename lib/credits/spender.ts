import type { Redis } from "ioredis";
import { log } from "@/lib/log";
import { notifyKeyChangedNow } from "@/lib/keys/notify";
import { breakerFor, type RedisBreaker } from "@/lib/verify/redis-breaker";
import { readCredits, spendCreditsInDb, writeCreditsBack, type CreditSpend, type CreditWriteBack } from "./db-spend";
import { refillPeriodStart, type RefillSettings } from "./period";

// Usage credits, spent atomically across instances.
//
// With Redis (configured and usable, see lib/verify/redis-breaker.ts): a key's credits live in a Redis
// hash {g: generation, r: remaining, n: sequence, p: refill period start} loaded from the database at
// first use; one Lua script refills and spends, so every instance spends from the same count. What
// each instance saw last is written back in batches (every flushEveryMs) — the newest sequence wins.
// An edit of the credits bumps the key's generation: Redis copies of the old one are reloaded.
//
// Without Redis, or while the breaker is open: one UPDATE … WHERE remaining >= cost per verification
// (db-spend.ts), never "unlimited". The first such spend of a key while Redis is configured bumps its
// generation (and tells verifiers), so the Redis copy, stale once Redis answers again, is reloaded.
//
// What is not exact: credits spent through Redis and not yet written back are lost if Redis loses
// the hash (a restart without persistence) or when instances switch to the database — at most what
// was spent in one write-back interval before that moment may be spent again.

const SPEND_SCRIPT = `
local h = redis.call('HMGET', KEYS[1], 'g', 'r', 'n', 'p')
if not h[1] or tonumber(h[1]) ~= tonumber(ARGV[1]) then return {-1} end
local r = tonumber(h[2])
local n = tonumber(h[3])
local p = tonumber(h[4])
local period = tonumber(ARGV[2])
if tonumber(ARGV[3]) >= 0 and period > p then
  r = tonumber(ARGV[3])
  p = period
  n = n + 1
end
local cost = tonumber(ARGV[4])
local ok = 0
if r >= cost then
  ok = 1
  if cost > 0 then
    r = r - cost
    n = n + 1
  end
end
redis.call('HSET', KEYS[1], 'r', r, 'n', n, 'p', p)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {ok, r, n, p}`;

// Loads the database's credits unless a copy of this generation (or a newer one) is there already.
const LOAD_SCRIPT = `
local g = redis.call('HGET', KEYS[1], 'g')
if g and tonumber(g) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'g', ARGV[1], 'r', ARGV[2], 'n', ARGV[3], 'p', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

type CreditRedis = Redis & {
  keysmithCreditSpend(key: string, ...args: (string | number)[]): Promise<number[]>;
  keysmithCreditLoad(key: string, ...args: (string | number)[]): Promise<number>;
};

function withCreditCommands(redis: Redis): CreditRedis {
  const client = redis as CreditRedis;
  if (typeof client.keysmithCreditSpend !== "function") {
    redis.defineCommand("keysmithCreditSpend", { numberOfKeys: 1, lua: SPEND_SCRIPT });
    redis.defineCommand("keysmithCreditLoad", { numberOfKeys: 1, lua: LOAD_SCRIPT });
  }
  return client;
}

/** What the spender needs of a key (lib/verify/key-state-store.ts's KeyState has it). */
export interface CreditKey extends RefillSettings {
  id: string;
  keyId: string;
  remaining: number | null;
  creditGen: number;
}

export interface CreditSpenderOptions {
  redis: Redis | null;
  /** Redis key prefix (default "keysmith:cr"); a key's hash is `${prefix}:${row id}`. */
  prefix?: string;
  /** How often credits spent through Redis are written back (default 1000 ms). */
  flushEveryMs?: number;
  /** How long an unused Redis copy is kept (default 1 h); far longer than a write-back interval. */
  idleTtlMs?: number;
}

export class CreditSpender {
  private readonly redis: CreditRedis | null;
  private readonly breaker: RedisBreaker | null;
  private readonly prefix: string;
  private readonly flushEveryMs: number;
  private readonly idleTtlMs: number;
  private readonly pending = new Map<string, CreditWriteBack>();
  /** Keys whose generation this instance bumped while Redis was unusable (once per key and outage). */
  private readonly bumped = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(options: CreditSpenderOptions) {
    this.redis = options.redis ? withCreditCommands(options.redis) : null;
    this.breaker = options.redis ? breakerFor(options.redis) : null;
    this.prefix = options.prefix ?? "keysmith:cr";
    this.flushEveryMs = options.flushEveryMs ?? 1_000;
    this.idleTtlMs = options.idleTtlMs ?? 3_600_000;
  }

  /**
   * Spends `cost` of the key's credits (0: only reads them); `now` is the database's time. Null when
   * the key turns out to have no credits any more (removed by an edit a moment ago): unlimited.
   */
  async spend(key: CreditKey, cost: number, now: Date): Promise<CreditSpend | null> {
    const periodStart = refillPeriodStart(key, now);
    if (this.redis && this.breaker!.usable) {
      try {
        const spent = await this.spendInRedis(key, cost, periodStart);
        if (spent !== undefined) return spent;
      } catch (error) {
        log.debug({ err: error, keyId: key.keyId }, "credits not spent in Redis; spending in the database");
      }
    }
    return this.spendInDb(key, cost, periodStart);
  }

  /** Writes back what was spent through Redis now (tests, shutdown). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async spendInDb(key: CreditKey, cost: number, periodStart: Date | null): Promise<CreditSpend | null> {
    // Whatever this instance spent through Redis goes to the database first.
    await this.flush();
    const bump = this.redis !== null && !this.bumped.has(key.id);
    const spent = await spendCreditsInDb(key.id, cost, periodStart, bump);
    if (bump) {
      this.bumped.add(key.id);
      key.creditGen += 1;
      await notifyKeyChangedNow(key.keyId).catch(() => {});
    }
    return spent;
  }

  /** Undefined: not decided in Redis (take the database path); null: the key has no credits. */
  private async spendInRedis(key: CreditKey, cost: number, periodStart: Date | null): Promise<CreditSpend | null | undefined> {
    if (this.bumped.size > 0) this.bumped.clear(); // Redis answers again: the next outage bumps afresh
    const hashKey = `${this.prefix}:${key.id}`;
    const args = [key.creditGen, periodStart?.getTime() ?? 0, key.refillAmount ?? -1, cost, this.idleTtlMs];
    let reply = await this.breaker!.call(() => this.redis!.keysmithCreditSpend(hashKey, ...args));
    if (reply[0] === -1) {
      const stored = await readCredits(key.id);
      if (!stored || stored.remaining === null) return null;
      // This instance's state may be older than the database's: take the database's generation.
      if (stored.creditGen !== key.creditGen) key.creditGen = stored.creditGen;
      const period = stored.lastRefillAt?.getTime() ?? 0;
      await this.breaker!.call(() =>
        this.redis!.keysmithCreditLoad(hashKey, stored.creditGen, stored.remaining!, stored.creditSeq.toString(), period, this.idleTtlMs),
      );
      args[0] = key.creditGen;
      reply = await this.breaker!.call(() => this.redis!.keysmithCreditSpend(hashKey, ...args));
      if (reply[0] === -1) return undefined; // a newer generation in Redis than in the database: an edit in flight
    }
    const [ok, remaining, seq, periodMs] = reply.map(Number) as [number, number, number, number];
    this.remember({ id: key.id, gen: key.creditGen, remaining, seq, periodMs });
    return { allowed: ok === 1, remaining };
  }

  private remember(row: CreditWriteBack): void {
    const seen = this.pending.get(row.id);
    if (seen && seen.gen === row.gen && seen.seq >= row.seq) return;
    this.pending.set(row.id, row);
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), this.flushEveryMs);
      this.timer.unref();
    }
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    try {
      await writeCreditsBack(rows);
    } catch (error) {
      log.error({ err: error, keys: rows.length }, "credits write-back failed; kept for the next one");
      for (const row of rows) this.remember(row);
    }
  }
}
