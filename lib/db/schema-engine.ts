import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type ErrorRegistry } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { migrationAdapterFactory } from "./migration-adapter";
import { readMigrationsDir } from "./migrations-dir";

// Prisma's migration engine compiled to WebAssembly: it needs no native binary and no
// network, so migrations can be applied and created offline (see docs/database.md).

declare global {
  // Read by the engine's panic hook, before it aborts.
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let bindings: typeof engineBindings | undefined;
let lastPanic: string | undefined;

/**
 * Applies the migrations in `migrationsDir` that `databaseUrl` has not applied yet and
 * returns their names. Refuses to run when an applied migration.sql was edited since.
 */
export async function applyMigrations(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const migrationsList = readMigrationsDir(migrationsDir);
  return withSchemaEngine(databaseUrl, undefined, async (engine) => {
    const history = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    if (history.editedMigrationNames.length > 0) {
      throw new Error(
        `These migrations were edited after they were applied (checksum mismatch): ${history.editedMigrationNames.join(", ")}. ` +
          "Restore their migration.sql, or add a new migration instead.",
      );
    }
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  });
}

/**
 * Returns the SQL that brings a database built from `migrationsDir` to `schemaPath`,
 * or null when they already match. The migrations are replayed on `shadowDatabaseUrl`,
 * which must be an empty database the caller owns.
 */
export async function diffSchemaToMigrations(options: {
  schemaPath: string;
  migrationsDir: string;
  shadowDatabaseUrl: string;
}): Promise<string | null> {
  const migrationsList = readMigrationsDir(options.migrationsDir);
  const schemaFile = { path: relative(process.cwd(), options.schemaPath), content: readFileSync(options.schemaPath, "utf8") };
  // The engine wants a main database too; this diff never touches it, so it is the shadow as well.
  return withSchemaEngine(options.shadowDatabaseUrl, options.shadowDatabaseUrl, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [schemaFile] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    // With exitCode set, 2 means "there are differences"; the script of an empty diff is a comment.
    return result.exitCode === 2 && result.stdout ? result.stdout : null;
  });
}

async function withSchemaEngine<T>(
  databaseUrl: string,
  shadowDatabaseUrl: string | undefined,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  // One connection each: the engine assumes a single session (e.g. its advisory lock).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const shadowPool = shadowDatabaseUrl ? new pg.Pool({ connectionString: shadowDatabaseUrl, max: 1 }) : undefined;
  // Idle-client errors (e.g. the server going away) must not crash the process; queries still reject.
  pool.on("error", () => {});
  shadowPool?.on("error", () => {});
  let engine: SchemaEngine | undefined;
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(migrationAdapterFactory(pool, shadowPool));
  const call = <R>(fn: () => Promise<R>) => engineCall(fn, adapterFactory.errorRegistry);
  try {
    engine = await call(() => loadBindings().SchemaEngine.new({ datamodels: undefined }, () => {}, adapterFactory));
    const ready = engine;
    return await call(() => run(ready));
  } finally {
    // The engine keeps a timer alive until it is freed.
    engine?.free();
    await Promise.all([pool.end(), shadowPool?.end()]);
  }
}

/** Runs an engine call, turning its error objects and panics into Errors with the engine's message. */
async function engineCall<T>(call: () => Promise<T>, errors: ErrorRegistry): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (lastPanic !== undefined) {
      const message = lastPanic;
      lastPanic = undefined;
      throw new Error(`Prisma schema engine panicked: ${message}`, { cause: error });
    }
    const message = errorMessage(error);
    // Errors that PrismaPg does not map (e.g. ENETUNREACH) reach the engine only as an id.
    const external = /External error id#(\d+)/.exec(message);
    const original = external ? errors.consumeError(Number(external[1]))?.error : undefined;
    throw new Error(original === undefined ? message : errorMessage(original), { cause: original ?? error });
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

/**
 * Node 20 cannot import a .wasm ES module, so the package's entry point fails to load;
 * instantiate the module by hand and hand it to the JS glue, as that entry point does.
 */
function loadBindings(): typeof engineBindings {
  if (bindings) return bindings;
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (message) => {
      lastPanic = message;
    },
  };
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmModule = new WebAssembly.Module(readFileSync(join(dirname(gluePath), "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": engineBindings });
  const exports = instance.exports as { __wbindgen_start(): void };
  engineBindings.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  bindings = engineBindings;
  return bindings;
}
