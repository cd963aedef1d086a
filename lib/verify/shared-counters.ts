import type { Redis } from "ioredis";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { breakerFor, type RedisBreaker } from "./redis-breaker";

// Window counters decided in this process and shared through Redis in the background.
//
// A decision reads and bumps a counter in memory only: no Redis round trip on the hot path. Every
// SYNC_EVERY_MS, or at once when a counter has `flushAfter` decisions not yet sent, one Lua call
// adds every pending delta to Redis and brings back each counter's total across all instances
// (and when its window ends). Windows are fixed, `windowMs` long, and start at a counter's first
// increment in Redis, as rate-limiter-flexible's did, so every instance shares the same window.
//
// How far a limit can be overshot: an instance decides from its own view, which lacks what the
// others decided since it last synced. With I instances each making at most D decisions for a key
// between two of its syncs, at most (I − 1) × D decisions pass over the limit in a window
// (and never more than (I − 1) × limit). D is min(flushAfter + the decisions made during one Redis
// round trip, the decisions in SYNC_EVERY_MS). Key limits sync after 1 % of the limit (1 to 100
// decisions), so D stays small next to the limit. Measured in docs/benchmarks.md (bench:overshoot).
//
// Without Redis (none configured, or the breaker open) counters are per process, and what was
// counted meanwhile is sent once Redis answers again: a window's count is never lost.

export const SYNC_EVERY_MS = 100;
/**
 * No request waits for a sync, so it may take longer than the 50 ms a request-path Redis call gets:
 * on a saturated instance the answer sits behind the requests in the event loop, and a breaker
 * tripped by that would leave every instance counting alone (overshoot up to (I − 1) × limit).
 */
const SYNC_TIMEOUT_MS = 1_000;

const SYNC_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local total = redis.call('INCRBY', key, ARGV[i + 1])
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  out[#out + 1] = total
  out[#out + 1] = ttl
end
return out`;

type SyncingRedis = Redis & { keysmithWindowSync(numKeys: number, ...args: (string | number)[]): Promise<number[]> };

function withSyncCommand(redis: Redis): SyncingRedis {
  const client = redis as SyncingRedis;
  if (typeof client.keysmithWindowSync !== "function") redis.defineCommand("keysmithWindowSync", { lua: SYNC_SCRIPT });
  return client;
}

interface Counter {
  /** When this window ends (Date.now() scale). */
  endsAt: number;
  /** The total across instances at the last sync (it includes what this process sent). */
  remote: number;
  /** Sent to Redis, answer not back yet. */
  sending: number;
  /** Counted here, not yet sent. */
  unsent: number;
}

export interface SharedCountersOptions {
  redis: Redis | null;
  /** Redis key prefix; a counter is `${prefix}:${name}`. */
  prefix: string;
  windowMs?: number;
  /** Sync at once when a counter has this many unsent decisions (default 100; add() may say less). */
  flushAfter?: number;
  syncEveryMs?: number;
}

export interface CounterView {
  /** Decisions counted in the current window, across instances as far as this one knows. */
  count: number;
  /** When the window ends, in ms since the epoch. */
  endsAt: number;
}

export class SharedCounters {
  private readonly counters = new Map<string, Counter>();
  private readonly dirty = new Set<string>();
  private readonly redis: SyncingRedis | null;
  private readonly breaker: RedisBreaker | null;
  private readonly windowMs: number;
  private readonly flushAfter: number;
  private readonly syncEveryMs: number;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private lastSweep = Date.now();

  constructor(private readonly options: SharedCountersOptions) {
    this.redis = options.redis ? withSyncCommand(options.redis) : null;
    this.breaker = options.redis ? breakerFor(options.redis) : null;
    this.windowMs = options.windowMs ?? 60_000;
    this.flushAfter = Math.max(1, options.flushAfter ?? 100);
    this.syncEveryMs = options.syncEveryMs ?? SYNC_EVERY_MS;
  }

  /** The counter's current window, as far as this process knows. */
  view(name: string, now = Date.now()): CounterView {
    const counter = this.current(name, now);
    return counter
      ? { count: counter.remote + counter.sending + counter.unsent, endsAt: counter.endsAt }
      : { count: 0, endsAt: now + this.windowMs };
  }

  /** Counts one decision; returns the view after it. `flushAfter` overrides the default for this counter. */
  add(name: string, now = Date.now(), flushAfter = this.flushAfter): CounterView {
    let counter = this.current(name, now);
    if (!counter) {
      counter = { endsAt: now + this.windowMs, remote: 0, sending: 0, unsent: 0 };
      this.counters.set(name, counter);
    }
    counter.unsent += 1;
    if (this.redis) {
      // Decided without the other instances' counts until Redis answers again (operations: a fallback).
      if (!this.breaker!.usable) metrics().rateLimitFallbacks.inc();
      this.dirty.add(name);
      if (counter.unsent >= flushAfter) void this.sync();
      else this.schedule();
    }
    return { count: counter.remote + counter.sending + counter.unsent, endsAt: counter.endsAt };
  }

  /** Sends what is pending now and waits for the answer (tests, shutdown). */
  async sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = this.syncOnce().finally(() => {
      this.syncing = null;
      if (this.syncAgain) {
        this.syncAgain = false;
        void this.sync();
      }
    });
    return this.syncing;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private current(name: string, now: number): Counter | undefined {
    const counter = this.counters.get(name);
    if (!counter) return undefined;
    if (counter.endsAt > now) return counter;
    this.counters.delete(name);
    this.dirty.delete(name);
    return undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, this.syncEveryMs);
    this.timer.unref();
  }

  private async syncOnce(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sweep();
    if (!this.redis || this.dirty.size === 0) return;
    if (!this.breaker!.usable) return this.schedule();
    const names = [...this.dirty];
    this.dirty.clear();
    const batch: [string, Counter, number][] = [];
    for (const name of names) {
      const counter = this.counters.get(name);
      if (!counter || counter.unsent === 0) continue;
      batch.push([name, counter, counter.unsent]);
      counter.sending += counter.unsent;
      counter.unsent = 0;
    }
    if (batch.length === 0) return;
    const keys = batch.map(([name]) => `${this.options.prefix}:${name}`);
    const deltas = batch.map(([, , delta]) => delta);
    try {
      const sentAt = Date.now();
      const reply = await this.breaker!.call(
        () => this.redis!.keysmithWindowSync(keys.length, ...keys, this.windowMs, ...deltas),
        undefined,
        SYNC_TIMEOUT_MS,
      );
      batch.forEach(([name, counter, delta], index) => {
        counter.sending -= delta;
        const endsAt = sentAt + Number(reply[index * 2 + 1]);
        // The window in Redis is the shared one; a window that ended there starts afresh here too.
        if (this.counters.get(name) !== counter) return;
        counter.remote = Number(reply[index * 2]);
        counter.endsAt = endsAt;
      });
    } catch (error) {
      // Kept for the next sync: Redis was slow or gone (the breaker now counts in memory).
      for (const [name, counter, delta] of batch) {
        counter.sending -= delta;
        counter.unsent += delta;
        if (this.counters.get(name) === counter) this.dirty.add(name);
      }
      log.debug({ err: error }, "rate-limit counters not synced to Redis; kept for the next sync");
      this.schedule();
    }
  }

  /** Drops ended windows now and then, so counters of keys no longer used do not pile up. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [name, counter] of this.counters) if (counter.endsAt <= now) this.counters.delete(name);
  }
}
