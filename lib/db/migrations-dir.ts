import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MigrationDirectory, MigrationList } from "@prisma/schema-engine-wasm";

const LOCKFILE = "migration_lock.toml";
const SCRIPT = "migration.sql";

/** Reads a Prisma migrations folder (`<timestamp>_<name>/migration.sql`) the way the Prisma CLI hands it to the engine. */
export function readMigrationsDir(migrationsDir: string): MigrationList {
  const baseDir = resolve(migrationsDir);
  if (!existsSync(baseDir)) {
    throw new Error(`Migrations folder not found: ${baseDir}`);
  }
  const lockfilePath = join(baseDir, LOCKFILE);
  const migrationDirectories: MigrationDirectory[] = readdirSync(baseDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ path: name, migrationFile: readScript(join(baseDir, name, SCRIPT)) }));

  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockfilePath) ? readFileSync(lockfilePath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

function readScript(path: string): MigrationDirectory["migrationFile"] {
  try {
    return { path: SCRIPT, content: { tag: "ok", value: readFileSync(path, "utf8") } };
  } catch (error) {
    return { path: SCRIPT, content: { tag: "error", value: `Could not read ${path}: ${(error as Error).message}` } };
  }
}
