import { execSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";
import { ADMIN_URL } from "../tests/support/test-database";

const CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

const isRoot = () => process.getuid?.() === 0;

/** Debian's Chromium; installed with apt when missing and we may (Playwright cannot download browsers here). */
export function ensureChromium(): string {
  const found = () => CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  if (!found()) {
    if (!isRoot()) throw new Error("Chromium is missing: run `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.");
    console.log("Installing Debian's chromium for the browser tests…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  }
  const path = found();
  if (!path) throw new Error("Chromium could not be installed.");
  return path;
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The local PostgreSQL the tests create their databases on; started if it is installed but down. */
export async function ensurePostgres(): Promise<void> {
  if (await postgresAnswers()) return;
  if (existsSync("/etc/postgresql") && isRoot()) {
    const version = readdirSync("/etc/postgresql")[0];
    console.log(`Starting PostgreSQL ${version}…`);
    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", String(version), "main", "start"], { stdio: "inherit" });
    for (let attempt = 0; attempt < 20 && !(await postgresAnswers()); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  if (!(await postgresAnswers())) {
    throw new Error(
      `PostgreSQL does not answer at ${ADMIN_URL}. Start it, or point KEYSMITH_TEST_ADMIN_URL at a server where the tests may create databases.`,
    );
  }
}
