import path from "node:path";
import { closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { createTestDatabase, dropTestDatabase } from "../tests/support/test-database";

// A bench's own throwaway database on the local PostgreSQL: created, migrated, and made this
// process's DATABASE_URL. `drop()` closes the process's pool and drops the database (a bench calls
// it in its `finally`).

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function openBenchDatabase(label: string): Promise<BenchDatabase> {
  const { name, url } = await createTestDatabase(label);
  const drop = async () => {
    await closeDb();
    await dropTestDatabase(name);
  };
  try {
    await applyMigrations(url, path.resolve(import.meta.dirname, "../prisma/migrations"));
  } catch (error) {
    await drop();
    throw error;
  }
  process.env.DATABASE_URL = url;
  return { name, url, drop };
}
