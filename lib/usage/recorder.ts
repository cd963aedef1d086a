import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

interface PendingUsage {
  count: number;
  lastUsedAt: Date;
}

export type WriteUsage = (rows: { id: string; count: number; lastUsedAt: Date }[]) => Promise<void>;

/** One UPDATE for every key used since the last flush. */
export const writeUsageToDb: WriteUsage = async (rows) => {
  await db().$executeRaw`
    UPDATE "ApiKey" AS k
    SET "usageCount" = k."usageCount" + u.count,
        "lastUsedAt" = GREATEST(k."lastUsedAt", u.last_used_at)
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.count)}::bigint[],
                ${rows.map((r) => r.lastUsedAt.toISOString())}::timestamptz[]) AS u(id, count, last_used_at)
    WHERE k.id = u.id`;
};

/**
 * Counts successful verifications in memory and writes them in one batched UPDATE per interval,
 * instead of a write per request. A crash loses at most one interval; stop() flushes the rest.
 * A failed write keeps the counts for the next flush.
 */
export class UsageRecorder {
  private pending = new Map<string, PendingUsage>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number = usageFlushMsFromEnv(),
    private readonly write: WriteUsage = writeUsageToDb,
  ) {}

  /** Records one successful verification of the key with row id `id`. */
  record(id: string, at: Date = new Date()): void {
    const entry = this.pending.get(id);
    if (entry) {
      entry.count += 1;
      if (at > entry.lastUsedAt) entry.lastUsedAt = at;
    } else {
      this.pending.set(id, { count: 1, lastUsedAt: at });
    }
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), this.intervalMs);
      // The interval must not keep a finished process alive; shutdown flushes explicitly.
      this.timer.unref();
    }
  }

  /** Writes what is pending; flushes never overlap, so counts are added exactly once. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  /** Stops the interval and writes everything still pending. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows = [...batch].map(([id, usage]) => ({ id, ...usage }));
    try {
      await this.write(rows);
    } catch (error) {
      log.error({ err: error, keys: rows.length }, "usage flush failed; keeping the counts for the next one");
      for (const row of rows) {
        const now = this.pending.get(row.id);
        if (now) {
          now.count += row.count;
          if (row.lastUsedAt > now.lastUsedAt) now.lastUsedAt = row.lastUsedAt;
        } else {
          this.pending.set(row.id, { count: row.count, lastUsedAt: row.lastUsedAt });
        }
      }
    }
  }
}

/** KEYSMITH_USAGE_FLUSH_MS: how often usage counts are written (default 1000). */
export function usageFlushMsFromEnv(): number {
  const raw = process.env.KEYSMITH_USAGE_FLUSH_MS;
  if (raw === undefined || raw === "") return 1_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 10) throw new Error(`KEYSMITH_USAGE_FLUSH_MS must be a whole number ≥ 10, got "${raw}".`);
  return value;
}

const store = globalThis as typeof globalThis & { keysmithUsage?: UsageRecorder };

/** The process's recorder, shared by every verifier in it. */
export function usageRecorder(): UsageRecorder {
  store.keysmithUsage ??= new UsageRecorder();
  return store.keysmithUsage;
}
