import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import { keyScope, keyScopeWhere } from "@/lib/keys/key-scope";
import { fillDays, usagePeriod, type DailyCount } from "./period";

/** Verifications of one key the caller may see, per UTC day, the last `days` days; 404 for other keys. */
export async function keyDailyUsage(caller: Principal | string, id: string, days: number, now: Date = new Date()): Promise<DailyCount[]> {
  const key = await db().apiKey.findFirst({ where: { id, ...keyScopeWhere(keyScope(caller)) }, select: { id: true } });
  if (!key) throw notFound("Key");
  const period = usagePeriod(days, now);
  const rows = await db().$queryRaw<{ day: string; count: bigint }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, count
    FROM "KeyUsageDay"
    WHERE "keyId" = ${id}::uuid AND day BETWEEN ${period.from}::date AND ${period.to}::date`;
  return fillDays(
    period,
    rows.map((row) => ({ day: row.day, count: Number(row.count) })),
  );
}
