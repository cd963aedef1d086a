import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { metrics, watch } from "@/lib/metrics";

// The verification log's write side: verification appends an entry to an in-process buffer (a
// push, nothing else) and a background flush writes the buffer in one multi-row INSERT every
// FLUSH_EVERY_MS, or at once when BATCH_ROWS are waiting. The buffer is bounded: when it is full
// an entry is dropped and counted (keysmith_verification_log_rows_total{outcome="dropped"}) —
// verification never waits for the log. Shutdown writes what is left (lib/shutdown.ts hooks).

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

export type WriteLogRows = (rows: VerificationLogEntry[]) => Promise<void>;

export const FLUSH_EVERY_MS = 1_000;
export const BATCH_ROWS = 2_000;
/** User agents are cut to this many characters. */
export const USER_AGENT_MAX = 256;

// Each column of a batch travels as ONE text parameter, its values joined by a unit separator
// (NULL as a record separator), and PostgreSQL splits it (string_to_array): a parameter per column
// instead of an array of thousands of elements that the driver escapes one by one — 4.9 µs of the
// server's CPU per row instead of 8.5 in batches of 2,000 (`npm run bench:verification-log`).
// Neither separator can be in a value: ids, codes, addresses and numbers are ours, scopes are
// checked words, and the two are replaced by spaces in user agents (HTTP does not allow them in a
// header anyway).
const FIELD = "\x1f";
const NULL = "\x1e";
const SEPARATORS = /[\x1e\x1f]/g;

/**
 * A column as one string. It starts with a separator, dropped in SQL by `[2:]`: split on its own,
 * an empty string (one row, no scopes) would be no element at all.
 */
function column(values: readonly (string | number | null)[]): string {
  return FIELD + values.map((value) => (value === null ? NULL : String(value))).join(FIELD);
}

/** One INSERT … SELECT FROM unnest(…) for the whole batch: one round trip, one statement to plan. */
export const insertLogRows: WriteLogRows = async (rows) => {
  if (rows.length === 0) return;
  const split = (values: readonly (string | number | null)[]) => Prisma.sql`(string_to_array(${column(values)}, ${FIELD}, ${NULL}))[2:]`;
  await db().$executeRaw`
    INSERT INTO "VerificationLog" (at, "orgId", "keyRowId", "keyId", code, ip, "userAgent", scopes, "latencyMs", cost)
    SELECT at, org_id, key_row_id, key_id, code, ip, user_agent,
           CASE WHEN scopes = '' THEN ARRAY[]::text[] ELSE string_to_array(scopes, ' ') END, latency_ms, cost
    FROM unnest(${split(rows.map((r) => r.at.toISOString()))}::timestamptz[], ${split(rows.map((r) => r.orgId))}::uuid[],
                ${split(rows.map((r) => r.keyRowId))}::uuid[], ${split(rows.map((r) => r.keyId))},
                ${split(rows.map((r) => r.code))}, ${split(rows.map((r) => r.ip))},
                ${split(rows.map((r) => (r.userAgent === null ? null : r.userAgent.replace(SEPARATORS, " "))))},
                ${split(rows.map((r) => r.scopes.join(" ")))}, ${split(rows.map((r) => r.latencyMs))}::float8[],
                ${split(rows.map((r) => r.cost))}::int[])
         AS u(at, org_id, key_row_id, key_id, code, ip, user_agent, scopes, latency_ms, cost)`;
};

export interface VerificationLogWriterOptions {
  write?: WriteLogRows;
  /** The most entries waiting (default KEYSMITH_VERIFICATION_LOG_BUFFER). */
  capacity?: number;
  flushEveryMs?: number;
  batchRows?: number;
}

export class VerificationLogWriter {
  private buffer: VerificationLogEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly write: WriteLogRows;
  private readonly capacity: number;
  private readonly flushEveryMs: number;
  private readonly batchRows: number;
  /** Entries dropped because the buffer was full, and written, since start (tests, benchmarks). */
  dropped = 0;
  written = 0;

  constructor(options: VerificationLogWriterOptions = {}) {
    this.write = options.write ?? insertLogRows;
    this.capacity = options.capacity ?? config().KEYSMITH_VERIFICATION_LOG_BUFFER;
    this.flushEveryMs = options.flushEveryMs ?? FLUSH_EVERY_MS;
    this.batchRows = options.batchRows ?? BATCH_ROWS;
  }

  /** Adds an entry, or drops and counts it when the buffer is full. Never waits. */
  append(entry: VerificationLogEntry): void {
    if (this.buffer.length >= this.capacity) {
      this.dropped += 1;
      metrics().verificationLogRows.inc({ outcome: "dropped" });
      return;
    }
    this.buffer.push(entry);
    if (this.buffer.length >= this.batchRows && !this.flushing) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.flushEveryMs);
      this.timer.unref();
    }
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered now, batch after batch; concurrent calls share the run. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
      // Entries that arrived during the last write get their own timer.
      if (this.buffer.length > 0 && !this.timer) {
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.flush();
        }, this.flushEveryMs);
        this.timer.unref();
      }
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is left (shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.buffer.length > 0) {
      const batch = this.buffer.length <= this.batchRows ? this.buffer : this.buffer.slice(0, this.batchRows);
      this.buffer = batch === this.buffer ? [] : this.buffer.slice(this.batchRows);
      try {
        await this.write(batch);
        this.written += batch.length;
        metrics().verificationLogRows.inc({ outcome: "written" }, batch.length);
      } catch (error) {
        // Not retried: a database that refuses a batch would otherwise hold the buffer full.
        metrics().verificationLogRows.inc({ outcome: "failed" }, batch.length);
        log.error({ err: error, rows: batch.length }, "verification log batch not written; its rows are lost");
        return;
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
