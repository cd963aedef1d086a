import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { textArray } from "@/lib/db/text-array";

/** Verifications of one key since the last flush, split by UTC day ("2026-11-23"). */
export interface KeyUsageBatchRow {
  id: string;
  count: number;
  lastUsedAt: Date;
  days: { day: string; count: number }[];
}

export type WriteUsage = (rows: KeyUsageBatchRow[]) => Promise<void>;

/**
 * One flush, in one transaction so the daily chart and ApiKey.usageCount never disagree:
 * 1. lock the batch's keys in one statement, in key-id order: every instance takes the locks in the
 *    same order, so two flushes over the same keys queue instead of deadlocking (PostgreSQL locks
 *    rows in whatever order the plan meets them — the batch's order on a large table);
 * 2. add the totals and the per-day counts (one statement; a key's day rows are only written by
 *    the holder of the key's lock, so they cannot deadlock either).
 * A key deleted meanwhile simply matches no row.
 */
export function usageWriter(client: () => PrismaClient = db): WriteUsage {
  return async (unsorted) => {
    if (unsorted.length === 0) return;
    const rows = [...unsorted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const days = rows.flatMap((row) => row.days.map((d) => ({ id: row.id, ...d })));
    // Each column as one text parameter (lib/db/text-array.ts); the ids serve both statements.
    const ids = textArray(rows.map((r) => r.id));
    await client().$transaction([
      // count(*): the locks without 10,000 rows of "1" sent back and decoded.
      client()
        .$queryRaw`SELECT count(*) FROM (SELECT 1 FROM "ApiKey" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE) AS locked`,
      client().$executeRaw`
        WITH updated AS (
          UPDATE "ApiKey" AS k
          SET "usageCount" = k."usageCount" + u.count,
              "lastUsedAt" = GREATEST(k."lastUsedAt", u.last_used_at)
          FROM unnest(${ids}::uuid[], ${textArray(rows.map((r) => r.count))}::bigint[],
                      ${textArray(rows.map((r) => r.lastUsedAt.toISOString()))}::timestamptz[]) AS u(id, count, last_used_at)
          WHERE k.id = u.id
          RETURNING k.id, k."orgId"
        )
        INSERT INTO "KeyUsageDay" ("orgId", "keyId", day, count)
        SELECT k."orgId", u.id, u.day, u.count
        FROM unnest(${textArray(days.map((d) => d.id))}::uuid[], ${textArray(days.map((d) => d.day))}::date[],
                    ${textArray(days.map((d) => d.count))}::bigint[]) AS u(id, day, count)
        JOIN updated AS k ON k.id = u.id
        ORDER BY u.id, u.day
        ON CONFLICT ("keyId", day) DO UPDATE SET count = "KeyUsageDay".count + excluded.count`,
    ]);
  };
}

/** The application's writer, on the application's database. */
export const writeUsageToDb: WriteUsage = usageWriter();
