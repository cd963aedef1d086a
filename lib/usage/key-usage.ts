import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { fillDays, usagePeriod, type DailyCount } from "./period";

/** Verifications of one key of the organisation per UTC day, the last `days` days; 404 for other keys. */
export async function keyDailyUsage(orgId: string, id: string, days: number, now: Date = new Date()): Promise<DailyCount[]> {
  const key = await db().apiKey.findFirst({ where: { id, orgId }, select: { id: true } });
  if (!key) throw notFound("Key");
  const period = usagePeriod(days, now);
  const rows = await db().$queryRaw<{ day: string; count: bigint }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, count
    FROM "KeyUsageDay"
    WHERE "keyId" = ${id}::uuid AND day BETWEEN ${period.from}::date AND ${period.to}::date`;
  return fillDays(period, rows.map((row) => ({ day: row.day, count: Number(row.count) })));
}
