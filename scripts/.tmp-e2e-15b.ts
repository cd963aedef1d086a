import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "/work/wt-15b/lib/db/schema-engine";
import { createTestDatabase, dropTestDatabase } from "/work/wt-15b/tests/support/test-database";

const root = "/work/wt-15b";
async function main() {
  const databases = { ui: await createTestDatabase("e2e_ui"), api: await createTestDatabase("e2e_api"), security: await createTestDatabase("e2e_sec") };
  const newcomer = mkdtempSync(path.join(os.tmpdir(), "keysmith-newcomer-"));
  let status = 1;
  try {
    for (const database of Object.values(databases)) await applyMigrations(database.url, path.join(root, "prisma", "migrations"));
    const result = spawnSync(path.join(root, "node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        E2E_PORT_BASE: "3600",
        NEXT_TELEMETRY_DISABLED: "1",
        E2E_UI_DATABASE_URL: databases.ui.url,
        E2E_API_DATABASE_URL: databases.api.url,
        E2E_SECURITY_DATABASE_URL: databases.security.url,
        E2E_NEWCOMER_DATA_DIR: newcomer,
      },
    });
    status = result.status ?? 1;
  } finally {
    for (const database of Object.values(databases)) await dropTestDatabase(database.name);
    rmSync(newcomer, { recursive: true, force: true });
  }
  process.exit(status);
}
void main();
