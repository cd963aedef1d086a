// Starts Keysmith: `npm run dev` (development) or `npm start` (production build).
// Without DATABASE_URL it serves an embedded PostgreSQL (PGlite) from <data dir>/pglite,
// applies migrations, then runs Next.js with that database. The data dir (KEYSMITH_DATA_DIR,
// default ./.data) also holds the development pepper and encryption key.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/schema-engine";

const root = path.resolve(import.meta.dirname, "..");
const mode = process.argv[2] === "dev" ? "dev" : "start";
const port = process.env.PORT ?? "3000";
const host = process.env.HOSTNAME ?? "localhost";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  // Pinned for Next.js too, so the database, pepper and encryption key share one directory.
  const dataDir = path.resolve(process.env.KEYSMITH_DATA_DIR || path.join(root, ".data"));
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", KEYSMITH_DATA_DIR: dataDir };
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!env.DATABASE_URL) {
    const pgliteDir = path.join(dataDir, "pglite");
    const embedded = await startEmbeddedPostgres({ dataDir: pgliteDir });
    stopEmbedded = embedded.stop;
    env.DATABASE_URL = embedded.url;
    env.KEYSMITH_DB_POOL_MAX = String(embedded.poolMax);
    env.KEYSMITH_EMBEDDED_DB = "1";
    const shown = pgliteDir.startsWith(root + path.sep) ? path.relative(root, pgliteDir) : pgliteDir;
    console.log(`Embedded PostgreSQL (PGlite) serving ${shown} on ${embedded.url}`);
  }
  const applied = await applyMigrations(env.DATABASE_URL, path.join(root, "prisma", "migrations"));
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  const next = path.join(root, "node_modules", ".bin", "next");
  let code: number;
  if (mode === "dev") {
    code = await run(next, ["dev", "-H", host, "-p", port], env);
  } else {
    if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
      code = await run(next, ["build"], env);
      if (code !== 0) process.exit(code);
    }
    code = await run(next, ["start", "-H", host, "-p", port], env);
  }
  await stopEmbedded?.();
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
