import path from "node:path";
import { applyMigrations } from "@/lib/db/schema-engine";
import { createTestDatabase, dropTestDatabase } from "./support/test-database";

// One migrated database for the whole run; tests that need an empty one make their own.
export default async function setup() {
  const database = await createTestDatabase("test");
  await applyMigrations(database.url, path.resolve(import.meta.dirname, "../prisma/migrations"));
  process.env.DATABASE_URL = database.url;
  return async () => {
    const { closeDb } = await import("@/lib/db/client");
    await closeDb();
    await dropTestDatabase(database.name);
  };
}
