// The Playwright half of the checks, shared by `npm test` and `npm run test:security`: creates
// and migrates the servers' databases, builds, runs the given Playwright projects, drops them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../lib/db/schema-engine";
import { createTestDatabase, dropTestDatabase } from "../tests/support/test-database";

export const root = path.resolve(import.meta.dirname, "..");
export const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // A throw, not process.exit: the databases and directories made for the run are removed in
  // buildAndRunPlaywright's finally, and the callers' catch exits 1.
  if (result.status !== 0) throw new Error(`✖ ${title} failed after ${seconds} s`);
  console.log(`✔ ${title} (${seconds} s)`);
}

export async function buildAndRunPlaywright(title: string, chromium: string, projects: string[] = []): Promise<void> {
  const databases = {
    ui: await createTestDatabase("e2e_ui"),
    api: await createTestDatabase("e2e_api"),
    security: await createTestDatabase("e2e_sec"),
  };
  // The newcomer's `npm run dev` starts from nothing: its embedded database and secrets go here.
  const newcomerDataDir = mkdtempSync(path.join(os.tmpdir(), "keysmith-newcomer-"));
  try {
    for (const database of Object.values(databases)) await applyMigrations(database.url, path.join(root, "prisma", "migrations"));
    const env = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      CHROMIUM_PATH: chromium,
      E2E_UI_DATABASE_URL: databases.ui.url,
      E2E_API_DATABASE_URL: databases.api.url,
      E2E_SECURITY_DATABASE_URL: databases.security.url,
      E2E_NEWCOMER_DATA_DIR: newcomerDataDir,
    };
    // `npm run build`: Next.js, then the compiled start script and verify server (dist/, .next/standalone).
    step("Production build (next build)", bin("next"), ["build"], env);
    step("Compiled server (scripts/build-server.ts)", bin("tsx"), ["scripts/build-server.ts"], env);
    // The newcomer's first `npm run dev` has no development cache. A checkout used before keeps one
    // in .next/dev, and a stale one (another node_modules, an interrupted run) made Turbopack panic.
    rmSync(path.join(root, ".next", "dev"), { recursive: true, force: true });
    step(title, bin("playwright"), ["test", ...projects.map((project) => `--project=${project}`)], env);
  } finally {
    for (const database of Object.values(databases)) await dropTestDatabase(database.name);
    rmSync(newcomerDataDir, { recursive: true, force: true });
  }
}
