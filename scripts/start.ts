// Starts Keysmith: `npm run dev` (development, under tsx) or `npm start` (production: `node
// dist/start.mjs`, this file compiled by `npm run build`; the container runs the same file).
// Without DATABASE_URL it serves an embedded PostgreSQL (PGlite) from <data dir>/pglite,
// applies migrations, then serves Next.js from Keysmith's own HTTP server in this process
// (lib/server/app-server.ts: it gives route handlers the caller's real address). The data dir
// (KEYSMITH_DATA_DIR, default ./.data) also holds the development pepper and encryption key.
// SIGTERM/SIGINT: stop accepting, finish requests in flight (at most 10 s), flush usage counts,
// close the verifier, Redis and the database pool, stop the embedded database, exit 0.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { config } from "../lib/config";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/schema-engine";
import { releaseConnections } from "../lib/server/release";
import { runShutdownHooks, signalsHandledByServer } from "../lib/shutdown";

const root = path.resolve(import.meta.dirname, "..");
const mode = process.argv[2] === "dev" ? "dev" : "start";

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: process.env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Sets variables for this process and Next.js in it; lib/config reads them from there. */
function setEnv(values: Record<string, string>): void {
  Object.assign(process.env, values);
}

async function main() {
  // A .env file (cp .env.example .env) fills in what the environment does not set.
  if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  const settings = config(); // every setting checked now: an invalid one stops the start, by name
  const port = settings.PORT ?? 3000;
  const host = settings.HOSTNAME ?? "localhost";
  // Pinned for Next.js too, so the database, pepper and encryption key share one directory.
  const dataDir = path.resolve(settings.KEYSMITH_DATA_DIR || path.join(root, ".data"));
  setEnv({ NEXT_TELEMETRY_DISABLED: "1", KEYSMITH_DATA_DIR: dataDir });
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!settings.DATABASE_URL) {
    const pgliteDir = path.join(dataDir, "pglite");
    const embedded = await startEmbeddedPostgres({ dataDir: pgliteDir });
    stopEmbedded = embedded.stop;
    setEnv({ DATABASE_URL: embedded.url, KEYSMITH_DB_POOL_MAX: String(embedded.poolMax), KEYSMITH_EMBEDDED_DB: "1" });
    const shown = pgliteDir.startsWith(root + path.sep) ? path.relative(root, pgliteDir) : pgliteDir;
    console.log(`Embedded PostgreSQL (PGlite) serving ${shown} on ${embedded.url}`);
  }
  const applied = await applyMigrations(config().DATABASE_URL!, path.join(root, "prisma", "migrations"));
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  if (mode === "start" && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    const code = await run(path.join(root, "node_modules", ".bin", "next"), ["build"]);
    if (code !== 0) process.exit(code);
  }
  setEnv({ NODE_ENV: mode === "dev" ? "development" : "production" });
  signalsHandledByServer();
  const { startAppServer } = await import("../lib/server/app-server");
  const server = await startAppServer({ dev: mode === "dev", dir: root, hostname: host, port });
  console.log(`Keysmith is listening on ${server.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await runShutdownHooks();
    await releaseConnections();
    await stopEmbedded?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Keysmith cannot start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
