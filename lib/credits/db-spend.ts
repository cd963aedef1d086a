import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";

export interface CreditSpend {
  /** Whether `cost` credits were there (and were spent). */
  allowed: boolean;
  /** What is left after the spend (or, when refused, what there is). */
  remaining: number;
}

/**
 * Spends `cost` credits in the database, refilling first when `periodStart` (the current refill
 * period's start) is later than the key's last refill. One statement: PostgreSQL re-evaluates
 * the row's condition after a concurrent writer commits, so concurrent spends never go below zero.
 * `bumpGeneration` marks Redis copies of the credits as stale (the database path taken while Redis
 * is configured but unusable). Null when the key has no credits (unlimited) or no longer exists.
 */
export async function spendCreditsInDb(
  id: string,
  cost: number,
  periodStart: Date | null,
  bumpGeneration = false,
): Promise<CreditSpend | null> {
  const rows = await db().$queryRaw<{ spent: number | null; current: number | null }[]>`
    WITH spent AS (
      UPDATE "ApiKey" SET
        remaining = (CASE WHEN "refillAmount" IS NOT NULL AND "lastRefillAt" < ${periodStart}::timestamptz
                          THEN "refillAmount" ELSE remaining END) - ${cost}::int,
        "lastRefillAt" = CASE WHEN "refillAmount" IS NOT NULL AND "lastRefillAt" < ${periodStart}::timestamptz
                              THEN ${periodStart}::timestamptz ELSE "lastRefillAt" END,
        "creditSeq" = "creditSeq" + 1,
        "creditGen" = "creditGen" + ${bumpGeneration ? 1 : 0}::int
      WHERE id = ${id}::uuid AND remaining IS NOT NULL
        AND (CASE WHEN "refillAmount" IS NOT NULL AND "lastRefillAt" < ${periodStart}::timestamptz
                  THEN "refillAmount" ELSE remaining END) >= ${cost}::int
      RETURNING remaining
    )
    SELECT (SELECT remaining FROM spent) AS spent,
           (SELECT CASE WHEN "refillAmount" IS NOT NULL AND "lastRefillAt" < ${periodStart}::timestamptz
                        THEN "refillAmount" ELSE remaining END
            FROM "ApiKey" WHERE id = ${id}::uuid) AS current`;
  const row = rows[0];
  if (!row || (row.spent === null && row.current === null)) return null;
  return row.spent !== null ? { allowed: true, remaining: row.spent } : { allowed: false, remaining: row.current! };
}

/** A key's credits as stored, read fresh (a Redis copy is loaded from this). */
export async function readCredits(
  id: string,
): Promise<{ remaining: number | null; creditGen: number; creditSeq: bigint; lastRefillAt: Date | null } | null> {
  const rows = await db().$queryRaw<{ remaining: number | null; creditGen: number; creditSeq: bigint; lastRefillAt: Date | null }[]>`
    SELECT remaining, "creditGen", "creditSeq", "lastRefillAt" FROM "ApiKey" WHERE id = ${id}::uuid`;
  return rows[0] ?? null;
}

export interface CreditWriteBack {
  id: string;
  gen: number;
  remaining: number;
  seq: number;
  /** The refill period the credits belong to (ms), or 0 without a refill. */
  periodMs: number;
}

/**
 * Writes Redis's credits back (the newest each instance saw): a row takes a value only of its own
 * generation (an edit since makes it stale) and with a later sequence than it holds, so write-backs
 * from several instances, in any order, leave the newest. The keys are found by primary key, in
 * key-id order (a nested loop over the sorted batch): with a hash join PostgreSQL read and hashed the
 * whole ApiKey table for every write-back (lib/usage/write-usage.ts has the figures).
 */
export async function writeCreditsBack(rows: CreditWriteBack[], client: () => PrismaClient = db): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await client().$transaction([
    client().$queryRaw`SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`,
    client().$executeRaw`
      UPDATE "ApiKey" AS k
      SET remaining = u.remaining,
          "creditSeq" = u.seq,
          "lastRefillAt" = CASE WHEN u.period_ms > 0 THEN to_timestamp(u.period_ms / 1000.0) ELSE k."lastRefillAt" END
      FROM unnest(${sorted.map((r) => r.id)}::uuid[], ${sorted.map((r) => r.gen)}::int[], ${sorted.map((r) => r.remaining)}::int[],
                  ${sorted.map((r) => r.seq)}::bigint[], ${sorted.map((r) => r.periodMs)}::bigint[]) AS u(id, gen, remaining, seq, period_ms)
      WHERE k.id = u.id AND k."creditGen" = u.gen AND k."creditSeq" < u.seq`,
  ]);
}
