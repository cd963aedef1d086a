import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { creatorLabels } from "@/lib/keys/creator-labels";
import type { UsagePeriod } from "./period";

// Usage of an organisation grouped by something its keys have. Each grouping is one entry of
// USAGE_DIMENSIONS: the key column to group by and how to name its values. Grouping by another
// key column is one more entry here.

export interface UsageGroup {
  /** The grouped value (a user id, "apikey:<keyId>", …); null when keys have none. */
  id: string | null;
  label: string;
  /** Keys of the organisation in this group, used or not. */
  keys: number;
  /** Successful verifications in the period. */
  count: number;
}

interface UsageDimension {
  /** A column of "ApiKey" AS k. */
  column: Prisma.Sql;
  labels(orgId: string, ids: string[]): Promise<Map<string, string>>;
  /** Label of the null group. */
  none: string;
}

async function projectNames(orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const projects = await db().project.findMany({ where: { orgId, id: { in: ids } }, select: { id: true, name: true } });
  return new Map(projects.map((project) => [project.id, project.name]));
}

export const USAGE_DIMENSIONS = {
  member: { column: Prisma.sql`k."createdBy"`, labels: creatorLabels, none: "Unknown" },
  project: { column: Prisma.sql`k."projectId"`, labels: projectNames, none: "No project (every project)" },
} satisfies Record<string, UsageDimension>;

export type UsageDimensionName = keyof typeof USAGE_DIMENSIONS;

const GROUPS_MAX = 100;

/** Groups with the most verifications first; every group with keys is listed (up to 100). */
export async function usageBy(dimension: UsageDimensionName, orgId: string, period: UsagePeriod): Promise<UsageGroup[]> {
  const { column, labels, none } = USAGE_DIMENSIONS[dimension];
  const rows = await db().$queryRaw<{ id: string | null; keys: bigint; count: bigint }[]>`
    SELECT ${column}::text AS id, count(DISTINCT k.id) AS keys, COALESCE(sum(u.count), 0)::bigint AS count
    FROM "ApiKey" AS k
    LEFT JOIN "KeyUsageDay" AS u ON u."keyId" = k.id AND u.day BETWEEN ${period.from}::date AND ${period.to}::date
    WHERE k."orgId" = ${orgId}::uuid
    GROUP BY 1
    ORDER BY 3 DESC, 2 DESC, 1
    LIMIT ${GROUPS_MAX}`;
  const named = await labels(
    orgId,
    rows.flatMap((row) => (row.id === null ? [] : [row.id])),
  );
  return rows.map((row) => ({
    id: row.id,
    label: row.id === null ? none : (named.get(row.id) ?? row.id),
    keys: Number(row.keys),
    count: Number(row.count),
  }));
}
