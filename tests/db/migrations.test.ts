import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations, diffSchemaToMigrations } from "@/lib/db/schema-engine";
import { createTempDatabase, type TempDatabase } from "@/lib/db/temp-database";
import { ADMIN_URL } from "../support/test-database";

const root = path.resolve(import.meta.dirname, "../..");
const migrationsDir = path.join(root, "prisma/migrations");
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const TABLES = ["ApiKey", "AuditEvent", "Membership", "Organization", "Registry", "Session", "User"];

const databases: TempDatabase[] = [];
const tempDirs: string[] = [];

async function freshDatabase(): Promise<TempDatabase> {
  const database = await createTempDatabase(ADMIN_URL, "keysmith_test");
  databases.push(database);
  return database;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "keysmith-migrations-"));
  tempDirs.push(dir);
  return dir;
}

/** A copy of the real migrations plus one more migration with `sql`, sorted last. */
function migrationsWithExtra(sql: string): string {
  const dir = tempDir();
  cpSync(migrationsDir, dir, { recursive: true });
  mkdirSync(path.join(dir, "99990101000000_extra"));
  writeFileSync(path.join(dir, "99990101000000_extra/migration.sql"), sql);
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  for (const database of databases.splice(0)) await database.drop();
});

describe("applyMigrations on PostgreSQL", () => {
  it("applies every migration once and records Prisma's checksums", async () => {
    const { url } = await freshDatabase();

    expect(await applyMigrations(url, migrationsDir)).toEqual(migrationNames);
    expect(await tableNames(url)).toEqual(expect.arrayContaining([...TABLES, "_prisma_migrations"]));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const script = readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(script).digest("hex"));
      expect(row.finished_at).not.toBeNull();
    }

    expect(await applyMigrations(url, migrationsDir)).toEqual([]);
  });

  it("creates the hand-written guarantees Prisma's schema cannot express", async () => {
    const { url } = await freshDatabase();
    await applyMigrations(url, migrationsDir);
    const indexes = await query<{ indexname: string; indexdef: string }>(
      url,
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Registry' AND indexname LIKE 'Registry_one_%' ORDER BY indexname`,
    );
    expect(indexes.map((index) => index.indexdef)).toEqual([
      expect.stringMatching(/UNIQUE INDEX "Registry_one_builtin_per_org" .*\("orgId"\) WHERE "builtIn"$/),
      expect.stringMatching(/UNIQUE INDEX "Registry_one_default_per_org" .*\("orgId"\) WHERE "isDefault"$/),
    ]);
    const triggers = await query<{ tgname: string }>(
      url,
      `SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass ORDER BY tgname`,
    );
    expect(triggers.map((trigger) => trigger.tgname)).toEqual(["AuditEvent_append_only", "AuditEvent_no_truncate"]);
    const checks = await query<{ conname: string }>(
      url,
      `SELECT conname FROM pg_constraint WHERE conrelid = '"Registry"'::regclass AND contype = 'c' ORDER BY conname`,
    );
    expect(checks.map((check) => check.conname)).toEqual(["Registry_priority_non_negative", "Registry_upstream_not_self"]);
  });

  it("runs a migration as one script, so a semicolon inside a literal is kept", async () => {
    const { url } = await freshDatabase();
    const dir = migrationsWithExtra(`COMMENT ON TABLE "User" IS 'people; who sign in';\n`);

    await applyMigrations(url, dir);

    const [row] = await query<{ comment: string }>(url, `SELECT obj_description('"User"'::regclass) AS comment`);
    expect(row?.comment).toBe("people; who sign in");
  });

  it("throws on invalid SQL and keeps none of that migration's changes", async () => {
    const { url } = await freshDatabase();
    const dir = migrationsWithExtra(`CREATE TABLE "Partial" ("id" INTEGER);\nSELECT * FROM "does_not_exist";\n`);

    await expect(applyMigrations(url, dir)).rejects.toThrow(/does_not_exist/);

    const tables = await tableNames(url);
    expect(tables).toEqual(expect.arrayContaining(TABLES));
    expect(tables).not.toContain("Partial");
    // Prisma records the failure, and refuses to go on until someone resolves it.
    await expect(applyMigrations(url, dir)).rejects.toThrow(/99990101000000_extra/);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const { url } = await freshDatabase();
    const dir = tempDir();
    cpSync(migrationsDir, dir, { recursive: true });
    await applyMigrations(url, dir);
    const edited = path.join(dir, migrationNames[0]!, "migration.sql");
    writeFileSync(edited, `${readFileSync(edited, "utf8")}\n-- edited\n`);

    await expect(applyMigrations(url, dir)).rejects.toThrow(/edited after they were applied.*_init/);
  });

  it("fails loudly when the database cannot be reached", async () => {
    await expect(applyMigrations("postgres://postgres@127.0.0.1:1/postgres", migrationsDir)).rejects.toThrow(/reach database server/);
  });
});

describe("diffSchemaToMigrations", () => {
  it("finds no difference between prisma/schema.prisma and the migrations", async () => {
    const shadow = await freshDatabase();
    const script = await diffSchemaToMigrations({
      schemaPath: path.join(root, "prisma/schema.prisma"),
      migrationsDir,
      shadowDatabaseUrl: shadow.url,
    });
    expect(script).toBeNull();
  });

  it("returns the SQL for a change to the schema", async () => {
    const shadow = await freshDatabase();
    const schemaPath = path.join(tempDir(), "schema.prisma");
    const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    writeFileSync(schemaPath, schema.replace(/model User \{/, "model User {\n  nickname String?"));

    const script = await diffSchemaToMigrations({ schemaPath, migrationsDir, shadowDatabaseUrl: shadow.url });

    expect(script).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT/);
  });
});

describe("applyMigrations on embedded PGlite", () => {
  it("applies the migrations to a fresh data directory", async () => {
    const embedded = await startEmbeddedPostgres({ dataDir: tempDir(), port: 0 });
    try {
      expect(embedded.poolMax).toBe(1);
      expect(await applyMigrations(embedded.url, migrationsDir)).toEqual(migrationNames);
      expect(await tableNames(embedded.url)).toEqual(expect.arrayContaining(TABLES));
      expect(await applyMigrations(embedded.url, migrationsDir)).toEqual([]);
    } finally {
      await embedded.stop();
    }
  });
});
