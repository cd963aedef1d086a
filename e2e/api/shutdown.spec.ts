import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { apiDatabaseUrl, seedOrg } from "../support/seeded-org";
import { TEST_ENCRYPTION_KEY, TEST_PEPPER } from "../support/server-secrets";

// Usage counts live in memory for one flush interval. A `next start` of its own (the shared
// servers must keep running) proves SIGTERM writes them before the process exits.
const port = Number(process.env.E2E_PORT_BASE ?? 3100) + 3;
const base = `http://localhost:${port}`;

test("next start flushes every usage count on SIGTERM", async () => {
  test.setTimeout(60_000);
  const database = apiDatabaseUrl()!;
  const org = await seedOrg(database, "Shutdown");
  const child = spawn("node_modules/.bin/next", ["start", "-H", "localhost", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: database,
      NEXT_TELEMETRY_DISABLED: "1",
      KEYSMITH_PEPPER: TEST_PEPPER,
      KEYSMITH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      KEYSMITH_USAGE_FLUSH_MS: "600000",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    await expect.poll(() => fetch(`${base}/api/ping`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    const created = await fetch(`${base}/api/tokens`, {
      method: "POST",
      headers: { cookie: org.cookies.owner, "content-type": "application/json" },
      body: JSON.stringify({ name: "counted" }),
    }).then((r) => r.json());
    const N = 137;
    const answers = await Promise.all(
      Array.from({ length: N }, () => fetch(`${base}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": created.rawKey } }).then((r) => r.json())),
    );
    expect(answers.every((a: { code: string }) => a.code === "VALID")).toBe(true);
    const usage = async () => (await client.query(`SELECT "usageCount"::int AS n FROM "ApiKey" WHERE id = $1`, [created.key.id])).rows[0].n;
    // The interval is ten minutes: nothing is written until shutdown.
    expect(await usage()).toBe(0);

    child.kill("SIGTERM");
    await once(child, "exit");
    expect(await usage()).toBe(N);
  } finally {
    child.kill("SIGKILL");
    await client.end();
  }
});
