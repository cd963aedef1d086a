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
