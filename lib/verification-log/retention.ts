import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

// Keeps the verification log bounded: rows older than the retention (by the database's clock,
// `now()` in the SQL), then the oldest past the row cap, deleted in batches so no statement holds
// locks for long. Safe on several instances at once: a row deleted twice is simply not there.

const BATCH = 10_000;

export interface LogRetention {
  retentionDays: number;
  maxRows: number;
}

export function logRetentionFromEnv(): LogRetention {
  return { retentionDays: config().KEYSMITH_VERIFICATION_LOG_RETENTION_DAYS, maxRows: config().KEYSMITH_VERIFICATION_LOG_MAX_ROWS };
}

/** Deletes rows past the retention and past the row cap; returns how many went. */
export async function pruneVerificationLog(retention: LogRetention = logRetentionFromEnv()): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db().$executeRaw`
      DELETE FROM "VerificationLog" WHERE id IN (
        SELECT id FROM "VerificationLog" WHERE at < now() - make_interval(days => ${retention.retentionDays}::int)
        ORDER BY at LIMIT ${BATCH})`;
    total += deleted;
    if (deleted < BATCH) break;
  }
  // Ids grow with insertion: everything below the maxRows-th newest id goes.
  const rows = await db().$queryRaw<{ id: bigint | null }[]>`
    SELECT id FROM "VerificationLog" ORDER BY id DESC OFFSET ${retention.maxRows - 1}::int LIMIT 1`;
  const floor = rows[0]?.id ?? null;
  if (floor !== null) {
    for (;;) {
      const deleted = await db().$executeRaw`
        DELETE FROM "VerificationLog" WHERE id IN (SELECT id FROM "VerificationLog" WHERE id < ${floor} ORDER BY id LIMIT ${BATCH})`;
      total += deleted;
      if (deleted < BATCH) break;
    }
  }
  return total;
}
