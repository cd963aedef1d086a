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
 * 1. lock the batch's keys in key-id order: every instance takes the locks in the same order, so two
 *    flushes over the same keys queue instead of deadlocking. The LATERAL lookup makes the order the
 *    batch's (sorted here) whatever the table's size: a plain `id = ANY(…) ORDER BY id` is free to
 *    read the whole table and sort;
 * 2. add the totals, then the per-day counts (a key's day rows are only written by the holder of the
 *    key's lock, so they cannot deadlock either).
 * Each statement finds the batch's keys by primary key, one probe per key: left to itself PostgreSQL
 * joined a batch of a few thousand keys to the whole table (a sequential scan and a hash of every
 * key, ~70 ms at 100,000 keys, on every flush of every instance), because its default costs price a
 * random read as four sequential ones. Hash and merge joins are off for this transaction only, and
 * the day rows look their key up LATERAL, so no statement here has a join left to choose.
 * A key deleted meanwhile simply matches no row.
 */
export function usageWriter(client: () => PrismaClient = db): WriteUsage {
  return async (unsorted) => {
    if (unsorted.length === 0) return;
    const rows = [...unsorted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const days = rows.flatMap((row) => row.days.map((d) => ({ id: row.id, ...d })));
    // Each column as one text parameter (lib/db/text-array.ts); the ids serve the lock and the totals.
    const ids = textArray(rows.map((r) => r.id));
    await client().$transaction([
      // count(*): the locks without 10,000 rows of "1" sent back and decoded.
      client().$queryRaw`
        SELECT count(*) FROM unnest(${ids}::uuid[]) AS u(id)
        CROSS JOIN LATERAL (SELECT 1 FROM "ApiKey" AS k WHERE k.id = u.id FOR NO KEY UPDATE) AS locked`,
      client().$queryRaw`SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`,
      client().$executeRaw`
        UPDATE "ApiKey" AS k
        SET "usageCount" = k."usageCount" + u.count,
            "lastUsedAt" = GREATEST(k."lastUsedAt", u.last_used_at)
        FROM unnest(${ids}::uuid[], ${textArray(rows.map((r) => r.count))}::bigint[],
                    ${textArray(rows.map((r) => r.lastUsedAt.toISOString()))}::timestamptz[]) AS u(id, count, last_used_at)
        WHERE k.id = u.id`,
      client().$executeRaw`
        INSERT INTO "KeyUsageDay" ("orgId", "keyId", day, count)
        SELECT k."orgId", u.id, u.day, u.count
        FROM unnest(${textArray(days.map((d) => d.id))}::uuid[], ${textArray(days.map((d) => d.day))}::date[],
                    ${textArray(days.map((d) => d.count))}::bigint[]) AS u(id, day, count)
        CROSS JOIN LATERAL (SELECT "orgId" FROM "ApiKey" WHERE id = u.id) AS k
        ORDER BY u.id, u.day
        ON CONFLICT ("keyId", day) DO UPDATE SET count = "KeyUsageDay".count + excluded.count`,
    ]);
  };
}

/** The application's writer, on the application's database. */
export const writeUsageToDb: WriteUsage = usageWriter();
