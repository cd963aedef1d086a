// `npm test`: everything CI checks, in order — types, lint, unit/integration tests against
// real PostgreSQL, a production build, then API and browser tests in Chromium.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { applyMigrations } from "../lib/db/schema-engine";
import { ensureChromium, ensurePostgres } from "./test-prerequisites";
import { createTestDatabase, dropTestDatabase } from "../tests/support/test-database";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

async function main() {
  const chromium = ensureChromium();
  await ensurePostgres();

  step("Type check", bin("tsc"), ["--noEmit"]);
  step("Lint", bin("eslint"), [".", "--max-warnings", "0"]);
  step("Unit and integration tests (Vitest, PostgreSQL)", bin("vitest"), ["run"]);

  const uiDb = await createTestDatabase("e2e_ui");
  const apiDb = await createTestDatabase("e2e_api");
  try {
    for (const database of [uiDb, apiDb]) await applyMigrations(database.url, path.join(root, "prisma", "migrations"));
    const env = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      CHROMIUM_PATH: chromium,
      E2E_UI_DATABASE_URL: uiDb.url,
      E2E_API_DATABASE_URL: apiDb.url,
    };
    step("Production build (next build)", bin("next"), ["build"], env);
    step("API and browser tests (Playwright, Chromium)", bin("playwright"), ["test"], env);
  } finally {
    await dropTestDatabase(uiDb.name);
    await dropTestDatabase(apiDb.name);
  }
  console.log("\nAll checks passed.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
