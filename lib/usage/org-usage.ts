import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import type { KeyStatusView } from "@/lib/keys/view";
import { maskedKey } from "@/lib/keys/format";
import { keyStatus } from "@/lib/keys/status";
import { usageBy, type UsageGroup } from "./breakdown";
import { fillDays, usagePeriod, type DailyCount, type UsagePeriod } from "./period";

export interface TopKey {
  id: string;
  name: string;
  /** e.g. "ks_live_sk_AbCd****" */
  maskedValue: string;
  status: KeyStatusView;
  count: number;
}

export interface OrgUsage {
  period: Pick<UsagePeriod, "from" | "to"> & { days: number };
  totals: { keys: number; activeKeys: number; verifications: number };
  /** Verifications per UTC day across the organisation, 0 for days without any. */
  daily: DailyCount[];
  /** The most verified keys of the period. */
  topKeys: TopKey[];
  /** By the member who created the key. */
  byMember: UsageGroup[];
  /** By the project the key is limited to (id null: keys for every project). */
  byProject: UsageGroup[];
}

const TOP_KEYS = 10;

async function dailyCounts(orgId: string, period: UsagePeriod): Promise<DailyCount[]> {
  const rows = await db().$queryRaw<{ day: string; count: bigint }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(count)::bigint AS count
    FROM "KeyUsageDay"
    WHERE "orgId" = ${orgId}::uuid AND day BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY day`;
  return fillDays(
    period,
    rows.map((row) => ({ day: row.day, count: Number(row.count) })),
  );
}

async function topKeys(orgId: string, period: UsagePeriod, now: Date): Promise<TopKey[]> {
  const rows = await db().$queryRaw<
    {
      id: string;
      name: string;
      prefix: string;
      status: "active" | "revoked";
      disabledAt: Date | null;
      createdAt: Date;
      expiresAt: Date | null;
      revokesAt: Date | null;
      count: bigint;
    }[]
  >`
    SELECT k.id, k.name, k.prefix, k.status::text AS status, k."disabledAt", k."createdAt", k."expiresAt", k."revokesAt", sum(u.count)::bigint AS count
    FROM "KeyUsageDay" AS u JOIN "ApiKey" AS k ON k.id = u."keyId"
    WHERE u."orgId" = ${orgId}::uuid AND u.day BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY k.id
    ORDER BY count DESC, k.name, k.id
    LIMIT ${TOP_KEYS}`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    maskedValue: maskedKey(row.prefix),
    status: keyStatus(row, now),
    count: Number(row.count),
  }));
}

// "Active" is what keyStatus (lib/keys/status.ts) calls active or expiring: keys that verify — not
// revoked or past a rotation's grace, not disabled, not expired.
async function keyTotals(orgId: string, now: Date): Promise<{ keys: number; activeKeys: number }> {
  const [row] = await db().$queryRaw<{ keys: bigint; active: bigint }[]>`
    SELECT count(*) AS keys,
           count(*) FILTER (WHERE status = 'active' AND "disabledAt" IS NULL
                              AND ("revokesAt" IS NULL OR "revokesAt" > ${now})
                              AND ("expiresAt" IS NULL OR "expiresAt" > ${now})) AS active
    FROM "ApiKey" WHERE "orgId" = ${orgId}::uuid`;
  return { keys: Number(row!.keys), activeKeys: Number(row!.active) };
}

/** The organisation's usage over the last `days` UTC days, today included. */
export async function orgUsage(orgId: string, days: number, at?: Date): Promise<OrgUsage> {
  const now = at ?? (await dbClock().now());
  const period = usagePeriod(days, now);
  const [daily, top, byMember, byProject, keys] = await Promise.all([
    dailyCounts(orgId, period),
    topKeys(orgId, period, now),
    usageBy("member", orgId, period),
    usageBy("project", orgId, period),
    keyTotals(orgId, now),
  ]);
  return {
    period: { from: period.from, to: period.to, days },
    totals: { ...keys, verifications: daily.reduce((sum, d) => sum + d.count, 0) },
    daily,
    topKeys: top,
    byMember,
    byProject,
  };
}
