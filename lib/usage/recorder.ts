import { log } from "@/lib/log";
import { metrics, watch } from "@/lib/metrics";
import { writeUsageToDb, type KeyUsageBatchRow, type WriteUsage } from "./write-usage";
import { config } from "@/lib/config";

export type { WriteUsage } from "./write-usage";

/**
 * One key's verifications since the last flush. One flat object per key and interval: with 100,000
 * keys in turn every verification makes a new one, which each scavenge copies until the flush; with a
 * Map (and its table) and a Date apiece that was four objects a key.
 */
interface PendingUsage {
  count: number;
  /** The latest verification counted (ms since the epoch). */
  lastUsedAt: number;
  /** The UTC day ("2026-11-23") of the first verification counted, and how many fell on it. */
  day: string;
  dayCount: number;
  /** Verifications on other days: a flush interval can straddle midnight. */
  otherDays?: Map<string, number>;
}

const DAY_MS = 86_400_000;
let lastDay = { index: Number.NaN, text: "" };

/** "2026-11-23" for `at` (ms); remembered per day, as every verification asks (toISOString was a hot frame). */
function utcDay(at: number): string {
  const index = Math.floor(at / DAY_MS);
  if (index !== lastDay.index) lastDay = { index, text: new Date(at).toISOString().slice(0, 10) };
  return lastDay.text;
}

function addToDay(entry: PendingUsage, day: string, count: number): void {
  if (day === entry.day) entry.dayCount += count;
  else {
    entry.otherDays ??= new Map();
    entry.otherDays.set(day, (entry.otherDays.get(day) ?? 0) + count);
  }
}

function daysOf(entry: PendingUsage): { day: string; count: number }[] {
  const days = [{ day: entry.day, count: entry.dayCount }];
  if (entry.otherDays) for (const [day, count] of entry.otherDays) days.push({ day, count });
  return days;
}

/**
 * Counts successful verifications in memory and writes them in one batched transaction per interval
 * (totals and per-day counts, see write-usage.ts), instead of a write per request. A crash loses at
 * most one interval; stop() flushes the rest.
 * A failed write keeps the counts for the next flush.
 */
export class UsageRecorder {
  private pending = new Map<string, PendingUsage>();
  /** When the oldest count not yet written was recorded (ms), or null with nothing pending. */
  private pendingSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number = usageFlushMsFromEnv(),
    private readonly write: WriteUsage = writeUsageToDb,
  ) {}

  /** Records one successful verification of the key with row id `id` (every VALID answer: no array or iterator per call). */
  record(id: string, at?: Date): void {
    const when = at ? at.getTime() : Date.now();
    this.add(id, 1, when, utcDay(when), 1);
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
    const since = this.pendingSince;
    this.pending = new Map();
    this.pendingSince = null;
    const rows: KeyUsageBatchRow[] = [];
    for (const [id, usage] of batch) rows.push({ id, count: usage.count, lastUsedAt: new Date(usage.lastUsedAt), days: daysOf(usage) });
    try {
      await this.write(rows);
      metrics().usageFlushes.inc({ outcome: "written" });
    } catch (error) {
      metrics().usageFlushes.inc({ outcome: "failed" });
      log.error({ err: error, keys: rows.length }, "usage flush failed; keeping the counts for the next one");
      this.pendingSince = Math.min(since ?? Date.now(), this.pendingSince ?? Date.now());
      for (const row of rows) {
        const [first, ...others] = row.days;
        const entry = this.add(row.id, row.count, row.lastUsedAt.getTime(), first!.day, first!.count);
        for (const other of others) addToDay(entry, other.day, other.count);
      }
    }
  }

  /** Verifications counted and not yet written. */
  get pendingCount(): number {
    let total = 0;
    for (const usage of this.pending.values()) total += usage.count;
    return total;
  }

  /** How long the oldest count not yet written has waited, in seconds (0 with none). */
  get lagSeconds(): number {
    return this.pendingSince === null ? 0 : (Date.now() - this.pendingSince) / 1000;
  }

  /** Adds `count` verifications of the key, the latest at `lastUsedAt`, `dayCount` of them on `day`. */
  private add(id: string, count: number, lastUsedAt: number, day: string, dayCount: number): PendingUsage {
    this.pendingSince ??= Date.now();
    const entry = this.pending.get(id);
    if (!entry) {
      const created: PendingUsage = { count, lastUsedAt, day, dayCount };
      this.pending.set(id, created);
      return created;
    }
    entry.count += count;
    if (lastUsedAt > entry.lastUsedAt) entry.lastUsedAt = lastUsedAt;
    addToDay(entry, day, dayCount);
    return entry;
  }
}

/** KEYSMITH_USAGE_FLUSH_MS: how often usage counts are written (default 1000). */
export function usageFlushMsFromEnv(): number {
  return config().KEYSMITH_USAGE_FLUSH_MS;
}

const store = globalThis as typeof globalThis & { keysmithUsage?: UsageRecorder };

/** The process's recorder, shared by every verifier in it. */
export function usageRecorder(): UsageRecorder {
  if (!store.keysmithUsage) {
    const recorder = new UsageRecorder();
    store.keysmithUsage = recorder;
    watch("usagePending", "process recorder", () => recorder.pendingCount);
    watch("usageLagSeconds", "process recorder", () => recorder.lagSeconds);
  }
  return store.keysmithUsage;
}
