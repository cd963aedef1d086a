import { once } from "node:events";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startAppServer } from "../support/app-server-process";
import { apiDatabaseUrl, seedOrg } from "../support/seeded-org";
import { descendantsOf, isRunning, verifyUntilRefused } from "../support/shutdown-load";
import { startVerifyServer } from "../support/verify-server-process";

// SIGTERM (what a container runtime or systemd sends) while clients are verifying, against the
// compiled servers as production runs them (`node dist/start.mjs`, `node dist/verify-server.mjs`).
// Usage counts live in memory for one flush interval (ten minutes here), so everything the clients
// were told is VALID must be written by the shutdown, and the process must leave nothing behind.
test.describe.configure({ mode: "serial" });

const FLUSH_NEVER = { KEYSMITH_USAGE_FLUSH_MS: "600000" };
let owner: string;
let client: pg.Client;

test.beforeAll(async () => {
  owner = (await seedOrg(apiDatabaseUrl(), "Shutdown")).cookies.owner;
  client = new pg.Client({ connectionString: apiDatabaseUrl() });
  await client.connect();
});

test.afterAll(async () => {
  await client?.end();
});

async function createKey(appUrl: string, name: string): Promise<{ id: string; rawKey: string }> {
  const response = await fetch(`${appUrl}/api/tokens`, {
    method: "POST",
    headers: { cookie: owner, "content-type": "application/json" },
    // The most a key may do per minute: the load must meet no limit but the shutdown.
    body: JSON.stringify({ name, rateLimitPerMinute: 1_000_000 }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { key: { id: string }; rawKey: string };
  return { id: created.key.id, rawKey: created.rawKey };
}

const usageOf = async (id: string) =>
  (await client.query<{ n: number }>(`SELECT "usageCount"::int AS n FROM "ApiKey" WHERE id = $1`, [id])).rows[0]!.n;

for (const which of ["app server", "verify server"] as const) {
  test(`SIGTERM under load: the ${which} counts every VALID answer, exits 0 and leaves no process`, async ({ baseURL }) => {
    test.setTimeout(120_000);
    const env = { DATABASE_URL: apiDatabaseUrl()!, ...FLUSH_NEVER };
    const server = which === "app server" ? await startAppServer(env) : await startVerifyServer(env);
    try {
      const key = await createKey(which === "app server" ? server.url : baseURL!, `shutdown ${which}`);
      const pid = server.child.pid!;
      let family: number[] = [];
      const exited = once(server.child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
      const outcome = await verifyUntilRefused(server.url, key.rawKey, {
        clients: 8,
        stopAfter: 300,
        stop: () => {
          family = descendantsOf(pid);
          server.child.kill("SIGTERM");
        },
      });
      const [code, signal] = await exited;
      console.log(
        `${which}: ${outcome.valid} VALID answers seen, others ${JSON.stringify(outcome.other)}, usageCount ${await usageOf(key.id)}`,
      );
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(outcome.other).toEqual({});
      expect(outcome.valid).toBeGreaterThanOrEqual(300);
      expect(await usageOf(key.id)).toBe(outcome.valid);
      expect([pid, ...family].filter(isRunning)).toEqual([]);
      expect(
        await fetch(`${server.url}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      ).toBe(0);
    } finally {
      server.child.kill("SIGKILL");
    }
  });
}
