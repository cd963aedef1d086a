import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { createTestDatabase, dropTestDatabase } from "./test-database";

/** A database of the test's own, migrated, and a client on it: its statistics count that test's work alone. */
export interface MigratedDatabase {
  client: PrismaClient;
  /** Disconnects the client and drops the database. */
  close(): Promise<void>;
}

export async function openMigratedDatabase(label: string): Promise<MigratedDatabase> {
  const database = await createTestDatabase(label);
  await applyMigrations(database.url, path.resolve(import.meta.dirname, "../../prisma/migrations"));
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  return {
    client,
    async close() {
      await client.$disconnect();
      await dropTestDatabase(database.name);
    },
  };
}

/** A table's cumulative statistics (pg_stat_user_tables). */
export interface TableActivity {
  inserted: number;
  updated: number;
  /** Updates made in place (HOT: no index entry written). */
  updatedInPlace: number;
  /** Rows read by sequential scans (a scan of the whole table reads every row). */
  readBySeqScan: number;
}

async function activityOf(client: PrismaClient, table: string): Promise<TableActivity> {
  const [row] = await client.$queryRaw<{ inserted: bigint; updated: bigint; in_place: bigint; seq_read: bigint }[]>`
    SELECT n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_hot_upd AS in_place, seq_tup_read AS seq_read
    FROM pg_stat_user_tables WHERE relname = ${table}`;
  return {
    inserted: Number(row!.inserted),
    updated: Number(row!.updated),
    updatedInPlace: Number(row!.in_place),
    readBySeqScan: Number(row!.seq_read),
  };
}

/** Statistics reach pg_stat_user_tables when a backend reports them (within seconds): waits until `ready` holds. */
export async function activityOnceCounted(
  client: PrismaClient,
  table: string,
  ready: (activity: TableActivity) => boolean,
): Promise<TableActivity> {
  for (;;) {
    const activity = await activityOf(client, table);
    if (ready(activity)) return activity;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
