import { db } from "@/lib/db/client";
import { SEPARATORS, textArray } from "@/lib/db/text-array";
import { FoldBuffer } from "./fold-buffer";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { metrics, watch } from "@/lib/metrics";

// The verification log's write side: verification appends an entry to an in-process buffer (a
// map lookup and a comparison: fold-buffer.ts) and a background flush writes the buffer in
// multi-row INSERTs every FLUSH_EVERY_MS. Identical outcomes within one window (same
// organisation, key, code, address, user agent, scopes and cost) fold into one row with a count:
// a service checking one key thousands of times a second writes a row a second, not thousands
// (each row costs the database ~10–20 µs of CPU: at that rate, more than verifying). Entries that
// belong to no organisation (a malformed or unknown key that no organisation's service asked
// about) are not written: no query can show them, and a flood of junk would push real rows out
// past the row cap. The buffer is bounded: when it is full an entry is dropped and counted
// (keysmith_verification_log_rows_total{outcome="dropped"}) — verification never waits for the
// log. Shutdown writes what is left (lib/shutdown.ts hooks).

/** One verification outcome. */
export interface VerificationLogEntry {
  /** When it was answered (the database's clock, anchored: lib/db/db-clock.ts). */
  at: Date;
  orgId: string | null;
  /** ApiKey.id of the key identified (also for failures: a wrong secret, usage exceeded). */
  keyRowId: string | null;
  /** The key's public id, or the candidate read from a key that matched none; null when malformed. */
  keyId: string | null;
  /** The answer's code (VALID, NOT_FOUND, …) or the error's (VALIDATION_FAILED, UNAVAILABLE, …). */
  code: string;
  ip: string | null;
  userAgent: string | null;
  scopes: readonly string[];
  latencyMs: number;
  /** Credits asked for, when the request named a cost. */
  cost: number | null;
}

/** A row to write: an entry, or identical entries folded (the first one's time, the slowest latency). */
export interface VerificationLogRow extends VerificationLogEntry {
  count: number;
}

export type WriteLogRows = (rows: VerificationLogRow[]) => Promise<void>;

export const FLUSH_EVERY_MS = 1_000;
/** The most rows per INSERT statement. */
export const BATCH_ROWS = 2_000;
/** User agents are cut to this many characters. */
export const USER_AGENT_MAX = 256;

/** One INSERT … SELECT FROM unnest(…) for the whole batch: one round trip, one statement to plan. */
export const insertLogRows: WriteLogRows = async (rows) => {
  if (rows.length === 0) return;
  await db().$executeRaw`
    INSERT INTO "VerificationLog" (at, "orgId", "keyRowId", "keyId", code, ip, "userAgent", scopes, "latencyMs", cost, count)
    SELECT at, org_id, key_row_id, key_id, code, ip, user_agent,
           CASE WHEN scopes = '' THEN ARRAY[]::text[] ELSE string_to_array(scopes, ' ') END, latency_ms, cost, count
    FROM unnest(${textArray(rows.map((r) => r.at.toISOString()))}::timestamptz[], ${textArray(rows.map((r) => r.orgId))}::uuid[],
                ${textArray(rows.map((r) => r.keyRowId))}::uuid[], ${textArray(rows.map((r) => r.keyId))},
                ${textArray(rows.map((r) => r.code))}, ${textArray(rows.map((r) => r.ip))},
                ${textArray(rows.map((r) => (r.userAgent === null ? null : r.userAgent.replace(SEPARATORS, " "))))},
                ${textArray(rows.map((r) => r.scopes.join(" ")))}, ${textArray(rows.map((r) => r.latencyMs))}::float8[],
                ${textArray(rows.map((r) => r.cost))}::int[], ${textArray(rows.map((r) => r.count))}::int[])
         AS u(at, org_id, key_row_id, key_id, code, ip, user_agent, scopes, latency_ms, cost, count)`;
};

export interface VerificationLogWriterOptions {
  write?: WriteLogRows;
  /** The most rows waiting (default KEYSMITH_VERIFICATION_LOG_BUFFER); entries that fold into one count once. */
  capacity?: number;
  /** How long a window gathers entries before its rows are written (default FLUSH_EVERY_MS). */
  flushEveryMs?: number;
  /** The most rows per INSERT (default BATCH_ROWS). */
  batchRows?: number;
  /** Rows waiting that start a write before the window ends (default half the capacity). */
  flushAtRows?: number;
}

export class VerificationLogWriter {
  /** Rows waiting for the next write. */
  private pending = new FoldBuffer();
  /** Nobody's entries, folded the same way and never written (cleared with each window, or when full). */
  private unowned = new FoldBuffer();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly write: WriteLogRows;
  private readonly capacity: number;
  private readonly flushEveryMs: number;
  private readonly batchRows: number;
  private readonly flushAtRows: number;
  /** Entries dropped because the buffer was full, and rows written, since start (tests, benchmarks). */
  dropped = 0;
  written = 0;

  constructor(options: VerificationLogWriterOptions = {}) {
    this.write = options.write ?? insertLogRows;
    this.capacity = options.capacity ?? config().KEYSMITH_VERIFICATION_LOG_BUFFER;
    this.flushEveryMs = options.flushEveryMs ?? FLUSH_EVERY_MS;
    this.batchRows = options.batchRows ?? BATCH_ROWS;
    this.flushAtRows = options.flushAtRows ?? Math.ceil(this.capacity / 2);
  }

  /** Adds an entry (folded into an identical waiting one), or drops and counts it when the buffer is full. Never waits. */
  append(entry: VerificationLogEntry): void {
    // Nobody's and naming no key (a malformed key, a request without one): answered before any
    // lookup, with nothing to keep or to time alike.
    if (entry.orgId === null && entry.keyId === null) return;
    // Nobody's entries (no organisation) fold like any other, into a buffer that is never written: no
    // query could show them, and a junk flood must not crowd real rows out of the buffer. The same
    // steps keep an unknown key id's answer exactly as fast as a wrong secret's, whose entry belongs
    // to the key's organisation (tests/verify/timing.test.ts).
    const rows = entry.orgId === null ? this.unowned : this.pending;
    if (rows.fold(entry)) return;
    if (rows.size >= this.capacity) {
      if (rows === this.unowned) this.unowned.clear();
      else {
        this.dropped += 1;
        metrics().verificationLogRows.inc({ outcome: "dropped" });
        return;
      }
    }
    rows.add(entry);
    if (rows === this.unowned) return;
    // A window gathers what folds; a buffer filling up is written at once.
    if (this.pending.size >= this.flushAtRows && !this.flushing) void this.flush();
    else this.timer ??= this.startTimer();
  }

  /** Rows waiting (folded entries count once). */
  get buffered(): number {
    return this.pending.size;
  }

  /** Writes the rows waiting now, in statements of at most batchRows rows; concurrent calls share the run. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
      // Entries that arrived during the last write get their own timer.
      if (this.pending.size > 0) this.timer ??= this.startTimer();
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is left (shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.size > 0 || this.flushing) await this.flush();
  }

  private startTimer(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushEveryMs);
    timer.unref();
    return timer;
  }

  /** Writes the window gathered so far; what arrives meanwhile folds into the next one (its own timer). */
  private async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.pending.take();
    this.unowned.clear();
    for (let from = 0; from < rows.length; from += this.batchRows) {
      const batch = rows.slice(from, from + this.batchRows);
      try {
        await this.write(batch);
        this.written += batch.length;
        metrics().verificationLogRows.inc({ outcome: "written" }, batch.length);
      } catch (error) {
        // Not retried: a database that refuses a batch would otherwise hold the buffer full.
        metrics().verificationLogRows.inc({ outcome: "failed" }, batch.length);
        log.error({ err: error, rows: batch.length }, "verification log batch not written; its rows are lost");
      }
    }
  }
}

const store = globalThis as typeof globalThis & { keysmithVerificationLog?: VerificationLogWriter | null };

/** The process's writer, or null when KEYSMITH_VERIFICATION_LOG=0. */
export function verificationLog(): VerificationLogWriter | null {
  if (store.keysmithVerificationLog === undefined) {
    const writer = config().KEYSMITH_VERIFICATION_LOG ? new VerificationLogWriter() : null;
    store.keysmithVerificationLog = writer;
    if (writer) watch("verificationLogBuffered", "process writer", () => writer.buffered);
  }
  return store.keysmithVerificationLog;
}

/** Writes the process's buffered log rows (shutdown). */
export async function stopVerificationLog(): Promise<void> {
  await store.keysmithVerificationLog?.stop();
}
