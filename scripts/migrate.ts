// npm run db:migrate — applies prisma/migrations to DATABASE_URL (offline; see docs/database.md).
import { fileURLToPath } from "node:url";
import { config } from "../lib/config";
import { applyMigrations } from "../lib/db/schema-engine";

const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

async function main(): Promise<void> {
  const databaseUrl = config().DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set.");

  const applied = await applyMigrations(databaseUrl, migrationsDir);
  if (applied.length === 0) {
    console.log("No pending migrations: the database is up to date.");
  } else {
    console.log(`Applied ${applied.length} migration(s):`);
    for (const name of applied) console.log(`  ${name}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
