import { db } from "@/lib/db/client";

// One clock for every instance: the database's. Expiry, not-before, grace ends, retention and
// status filters are decided against it, never against this host's wall clock, which can be
// minutes or days off (a VM resumed, NTP not running, a clock stepped back).
// Jobs and rotations ask PostgreSQL (`now()`) directly. Verification, which must not query per
// request, uses an anchor: the database's now() read at a known monotonic instant, advanced by the
// monotonic clock (performance.now(), which a wall-clock step does not move), re-read every minute.

/** Past this, the instance's clock is called out (log, health) and retention refuses to delete. */
export const MAX_CLOCK_SKEW_MS = 60_000;
const REANCHOR_AFTER_MS = 60_000;

export type ReadDatabaseNow = () => Promise<Date>;

const readFromDb: ReadDatabaseNow = async () => (await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;

export interface ClockReading {
  /** This instance's wall clock minus the database's (positive: the instance is ahead). */
  skewMs: number;
  at: Date;
}

export class DbClock {
  private anchor: { dbMs: number; mono: number } | null = null;
  private anchoring: Promise<void> | null = null;
  private last: ClockReading | null = null;

  constructor(private readonly read: ReadDatabaseNow = readFromDb) {}

  /** The database's current time (anchored; re-anchored in the background once a minute old). */
  async now(): Promise<Date> {
    if (!this.anchor) await this.check();
    else if (performance.now() - this.anchor.mono > REANCHOR_AFTER_MS) void this.check().catch(() => {});
    return new Date(this.anchor!.dbMs + (performance.now() - this.anchor!.mono));
  }

  /** now() without waiting, once anchored (the verifier's hot path); null before the first anchor. */
  anchoredNow(): Date | null {
    if (!this.anchor) return null;
    const sinceAnchor = performance.now() - this.anchor.mono;
    if (sinceAnchor > REANCHOR_AFTER_MS) void this.check().catch(() => {});
    return new Date(this.anchor.dbMs + sinceAnchor);
  }

  /** Reads the database's now(), re-anchors, and measures this instance's skew. */
  check(): Promise<void> {
    this.anchoring ??= (async () => {
      try {
        const sent = performance.now();
        const dbNow = await this.read();
        const received = performance.now();
        // The database read its clock somewhere in the round trip: take the middle.
        const mono = (sent + received) / 2;
        const wallAtMono = Date.now() - (received - mono);
        this.anchor = { dbMs: dbNow.getTime(), mono };
        this.last = { skewMs: Math.round(wallAtMono - dbNow.getTime()), at: dbNow };
      } finally {
        this.anchoring = null;
      }
    })();
    return this.anchoring;
  }

  /** The last measured skew, or null before the first check. */
  get reading(): ClockReading | null {
    return this.last;
  }
}

const store = globalThis as typeof globalThis & { keysmithDbClock?: DbClock };

/** The process's clock on its database. */
export function dbClock(): DbClock {
  store.keysmithDbClock ??= new DbClock();
  return store.keysmithDbClock;
}

/** Whether the skew is past MAX_CLOCK_SKEW_MS (either way). */
export const skewTooLarge = (reading: ClockReading | null) => reading !== null && Math.abs(reading.skewMs) > MAX_CLOCK_SKEW_MS;
