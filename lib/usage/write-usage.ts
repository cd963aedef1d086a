import { db } from "@/lib/db/client";

/** Verifications of one key since the last flush, split by UTC day ("2026-11-23"). */
export interface KeyUsageBatchRow {
  id: string;
  count: number;
  lastUsedAt: Date;
  days: { day: string; count: number }[];
}

export type WriteUsage = (rows: KeyUsageBatchRow[]) => Promise<void>;

/**
 * One flush: the keys' totals and their per-day counts, in one transaction, so the daily chart and
 * ApiKey.usageCount never disagree. Two statements whatever the number of keys (unnest of arrays).
 * A key deleted meanwhile simply matches no row.
 */
export const writeUsageToDb: WriteUsage = async (rows) => {
  const days = rows.flatMap((row) => row.days.map((d) => ({ id: row.id, ...d })));
  await db().$transaction([
    db().$executeRaw`
      UPDATE "ApiKey" AS k
      SET "usageCount" = k."usageCount" + u.count,
          "lastUsedAt" = GREATEST(k."lastUsedAt", u.last_used_at)
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.count)}::bigint[],
                  ${rows.map((r) => r.lastUsedAt.toISOString())}::timestamptz[]) AS u(id, count, last_used_at)
      WHERE k.id = u.id`,
    db().$executeRaw`
      INSERT INTO "KeyUsageDay" ("orgId", "keyId", day, count)
      SELECT k."orgId", u.id, u.day, u.count
      FROM unnest(${days.map((d) => d.id)}::uuid[], ${days.map((d) => d.day)}::date[],
                  ${days.map((d) => d.count)}::bigint[]) AS u(id, day, count)
      JOIN "ApiKey" AS k ON k.id = u.id
      ON CONFLICT ("keyId", day) DO UPDATE SET count = "KeyUsageDay".count + excluded.count`,
  ]);
};
