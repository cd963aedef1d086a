import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { usageWriter, type KeyUsageBatchRow } from "@/lib/usage/write-usage";
import { createTestDatabase, dropTestDatabase } from "../support/test-database";

// A usage flush must cost what its batch holds, not what the table holds. Left to its defaults,
// PostgreSQL joined a batch of a tenth of the keys to the whole ApiKey table (a sequential scan and a
// hash of every key, twice per flush): at 100,000 keys ~70 ms of every flush of every instance. A
// database of its own, so that its statistics count this test's reads alone.

const KEYS = 5_000;
const BATCH = 500;

let database: { name: string; url: string };
let client: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase("usage_reads");
  await applyMigrations(database.url, path.resolve(import.meta.dirname, "../../prisma/migrations"));
  client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
});

afterAll(async () => {
  await client.$disconnect();
  await dropTestDatabase(database.name);
});

interface TableActivity {
  inserted: number;
  updated: number;
  /** Rows read by sequential scans (a scan of the whole table reads every row). */
  readBySeqScan: number;
}

async function activityOf(table: string): Promise<TableActivity> {
  const [row] = await client.$queryRaw<{ inserted: bigint; updated: bigint; seq_read: bigint }[]>`
    SELECT n_tup_ins AS inserted, n_tup_upd AS updated, seq_tup_read AS seq_read FROM pg_stat_user_tables WHERE relname = ${table}`;
  return { inserted: Number(row!.inserted), updated: Number(row!.updated), readBySeqScan: Number(row!.seq_read) };
}

/** Statistics reach pg_stat_user_tables when a backend reports them (within seconds): waits until `ready` holds. */
async function activityOnceCounted(table: string, ready: (activity: TableActivity) => boolean): Promise<TableActivity> {
  for (;;) {
    const activity = await activityOf(table);
    if (ready(activity)) return activity;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a usage flush", () => {
  it("finds its keys by primary key, without reading the rest of the table", async () => {
    const [org] = await client.$queryRaw<
      { id: string }[]
    >`INSERT INTO "Organization" (id, name) VALUES (gen_random_uuid(), 'usage reads') RETURNING id`;
    const ids = (
      await client.$queryRaw<{ id: string }[]>`
        INSERT INTO "ApiKey" (id, "orgId", name, "keyId", prefix, hash, environment, type, status, "createdBy")
        SELECT gen_random_uuid(), ${org!.id}::uuid, 'k' || n, 'readkey' || n, 'sk_live_read' || n, 'not a hash', 'live', 'sk', 'active', 'test'
        FROM generate_series(1, ${KEYS}) AS n
        RETURNING id`
    ).map((row) => row.id);
    // The planner's view of a table in use (autovacuum analyses it; this machine runs without).
    await client.$executeRaw`ANALYZE "ApiKey"`;
    const before = await activityOnceCounted("ApiKey", (activity) => activity.inserted >= KEYS);

    const day = new Date().toISOString().slice(0, 10);
    const rows: KeyUsageBatchRow[] = ids.slice(0, BATCH).map((id) => ({ id, count: 3, lastUsedAt: new Date(), days: [{ day, count: 3 }] }));
    await usageWriter(() => client)(rows);

    const after = await activityOnceCounted("ApiKey", (activity) => activity.updated >= before.updated + BATCH);
    expect(after.readBySeqScan - before.readBySeqScan).toBe(0);
    const counted = await client.apiKey.aggregate({ where: { orgId: org!.id }, _sum: { usageCount: true } });
    expect(counted._sum.usageCount).toBe(BigInt(3 * BATCH));
    const days = await client.keyUsageDay.aggregate({ where: { orgId: org!.id }, _sum: { count: true }, _count: true });
    expect(days._count).toBe(BATCH);
    expect(days._sum.count).toBe(BigInt(3 * BATCH));
  });
});
