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
 * 1. add the totals, locking the batch's keys in key-id order: every instance takes the locks in the
 *    same order, so two flushes over the same keys queue instead of deadlocking. The order is the
 *    batch's (sorted here) because the update is a nested loop over it, one primary-key probe per key:
 *    hash and merge joins are off for this transaction. Left to its default costs PostgreSQL joined
 *    a batch of a few thousand keys to the whole table instead (a sequential scan and a hash of every
 *    key, ~70 ms at 100,000 keys, on every flush of every instance), and the order in which the update
 *    met its rows depended on the plan: flushes used to lock their keys in a statement of their own first;
 * 2. add the per-day counts, each key looked up LATERAL (a key's day rows are only written by the
 *    holder of the key's lock, so they cannot deadlock either).
 * A key deleted meanwhile simply matches no row.
 */
export function usageWriter(client: () => PrismaClient = db): WriteUsage {
  return async (unsorted) => {
    if (unsorted.length === 0) return;
    const rows = [...unsorted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const days = rows.flatMap((row) => row.days.map((d) => ({ id: row.id, ...d })));
    // Each column as one text parameter (lib/db/text-array.ts).
    const ids = textArray(rows.map((r) => r.id));
    await client().$transaction([
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
