import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/service";
import { writeUsageToDb } from "@/lib/usage/write-usage";
import { createOrgWithMembers } from "../support/fixtures";
import { runFlushRace } from "../support/flush-race";

// Two instances flushing usage for the same keys at once once deadlocked in PostgreSQL. PostgreSQL
// looks for deadlocks after deadlock_timeout (1 s by default); 10 ms here lets a short run see one.
// USAGE_FLUSH_RACE_MS sets the run (default 3 s; `npm run test:load` runs 30 s).
const DURATION_MS = Number(process.env.USAGE_FLUSH_RACE_MS ?? 3_000);
let database: string;

beforeAll(async () => {
  database = (await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0]!.name;
  await db().$executeRawUnsafe(`ALTER DATABASE "${database}" SET deadlock_timeout = '10ms'`);
  await db().$executeRawUnsafe(`ALTER DATABASE "${database}" SET enable_hashjoin = off`);
  await db().$executeRawUnsafe(`ALTER DATABASE "${database}" SET enable_mergejoin = off`);
  await closeDb(); // new connections pick the setting up
});

afterAll(async () => {
  await db().$executeRawUnsafe(`ALTER DATABASE "${database}" RESET ALL`);
  await closeDb();
});

describe("usage flushes from two instances at once", () => {
  it("never deadlock, and every count of every successful flush is in the totals and the days", async () => {
    expect((await db().$queryRaw<{ t: string }[]>`SELECT current_setting('deadlock_timeout') AS t`)[0]!.t).toBe("10ms");
    const org = await createOrgWithMembers();
    const keys = await Promise.all(Array.from({ length: 40 }, (_, i) => createKey(org.owner, { name: `race ${i}` })));
    const ids = keys.map((k) => k.key.id);

    const race = await runFlushRace([writeUsageToDb, writeUsageToDb], ids, DURATION_MS);

    expect(race.flushes).toBeGreaterThan(2);
    expect(race.deadlocks).toBe(0);
    const totals = await db().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, usageCount: true } });
    expect(Object.fromEntries(totals.map((k) => [k.id, Number(k.usageCount)]))).toEqual(Object.fromEntries(race.expected));
    const days = await db().keyUsageDay.findMany({ where: { keyId: { in: ids } } });
    const written = Object.fromEntries(days.map((d) => [`${d.keyId} ${d.day.toISOString().slice(0, 10)}`, Number(d.count)]));
    expect(written).toEqual(Object.fromEntries(race.expectedDays));
  });
});
