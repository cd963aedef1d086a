import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { writeCreditsBack, type CreditWriteBack } from "@/lib/credits/db-spend";
import { usageWriter, type KeyUsageBatchRow } from "@/lib/usage/write-usage";
import { activityOnceCounted, openMigratedDatabase, type MigratedDatabase } from "../support/migrated-database";

// A batched write to keys (a usage flush, a credits write-back) must cost what its batch holds, not
// what the table holds. Left to its defaults, PostgreSQL joined a batch of a tenth of the keys to the
// whole ApiKey table (a sequential scan and a hash of every key): at 100,000 keys ~70 ms of every
// flush of every instance. A database of their own, so that its statistics count these reads alone.

const KEYS = 5_000;
const BATCH = 500;

let database: MigratedDatabase;
let client: PrismaClient;

// A database per test: a statement of one test reports its statistics lazily, possibly into the next.
beforeEach(async () => {
  database = await openMigratedDatabase("key_writes");
  client = database.client;
});

afterEach(async () => {
  await database.close();
});

/** An organisation with KEYS keys (with `remaining` credits when given), analysed as a table in use would be. */
async function seedKeys(name: string, remaining: number | null): Promise<{ orgId: string; ids: string[] }> {
  const [org] = await client.$queryRaw<
    { id: string }[]
  >`INSERT INTO "Organization" (id, name) VALUES (gen_random_uuid(), ${name}) RETURNING id`;
  const ids = (
    await client.$queryRaw<{ id: string }[]>`
      INSERT INTO "ApiKey" (id, "orgId", name, "keyId", prefix, hash, environment, type, status, "createdBy", remaining)
      SELECT gen_random_uuid(), ${org!.id}::uuid, 'k' || n, ${name} || n, 'sk_live_' || ${name} || n, 'not a hash', 'live', 'sk', 'active', 'test', ${remaining}::int
      FROM generate_series(1, ${KEYS}) AS n
      RETURNING id`
  ).map((row) => row.id);
  // The planner's view of a table in use (autovacuum analyses it; this machine runs without).
  await client.$executeRaw`ANALYZE "ApiKey"`;
  return { orgId: org!.id, ids };
}

/** Rows of ApiKey read by sequential scans while `write` updated BATCH keys (once the statistics count it). */
async function rowsScannedBy(write: () => Promise<void>): Promise<number> {
  const before = await activityOnceCounted(client, "ApiKey", (activity) => activity.inserted >= KEYS);
  await write();
  const after = await activityOnceCounted(client, "ApiKey", (activity) => activity.updated >= before.updated + BATCH);
  return after.readBySeqScan - before.readBySeqScan;
}

describe("batched writes to keys", () => {
  it("a usage flush finds its keys by primary key, without reading the rest of the table", async () => {
    const { orgId, ids } = await seedKeys("usage", null);
    const day = new Date().toISOString().slice(0, 10);
    const rows: KeyUsageBatchRow[] = ids.slice(0, BATCH).map((id) => ({ id, count: 3, lastUsedAt: new Date(), days: [{ day, count: 3 }] }));

    expect(await rowsScannedBy(() => usageWriter(() => client)(rows))).toBe(0);
    const counted = await client.apiKey.aggregate({ where: { orgId }, _sum: { usageCount: true } });
    expect(counted._sum.usageCount).toBe(BigInt(3 * BATCH));
    const days = await client.keyUsageDay.aggregate({ where: { orgId }, _sum: { count: true }, _count: true });
    expect(days._count).toBe(BATCH);
    expect(days._sum.count).toBe(BigInt(3 * BATCH));
  });

  it("a credits write-back finds its keys by primary key, without reading the rest of the table", async () => {
    const { orgId, ids } = await seedKeys("credits", 100);
    const rows: CreditWriteBack[] = ids.slice(0, BATCH).map((id) => ({ id, gen: 0, remaining: 42, seq: 7, periodMs: 0 }));

    expect(await rowsScannedBy(() => writeCreditsBack(rows, () => client))).toBe(0);
    const written = await client.apiKey.groupBy({ by: ["remaining"], where: { orgId }, _count: true, orderBy: { remaining: "asc" } });
    expect(written.map((group) => [group.remaining, group._count])).toEqual([
      [42, BATCH],
      [100, KEYS - BATCH],
    ]);
  });
});
