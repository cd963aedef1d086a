import { expect, test } from "@playwright/test";
import { startAppServer } from "../support/app-server-process";
import { apiDatabaseUrl, seedOrg } from "../support/seeded-org";
import { startVerifyServer } from "../support/verify-server-process";

// /livez, /readyz and Prometheus /metrics on both servers (lib/server/ops-routes.ts), scraped
// before and after real verifications: the counters must move by what was sent. Plus the request
// log: one line per request, never the key.
test.describe.configure({ mode: "serial" });

const TOKEN = "metrics-token-for-the-e2e-suite";
let owner: string;

test.beforeAll(async () => {
  owner = (await seedOrg(apiDatabaseUrl(), "Metrics")).cookies.owner;
});

async function createKey(appUrl: string): Promise<string> {
  const response = await fetch(`${appUrl}/api/tokens`, {
    method: "POST",
    headers: { cookie: owner, "content-type": "application/json" },
    body: JSON.stringify({ name: "scraped", rateLimitPerMinute: 1_000_000 }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { rawKey: string }).rawKey;
}

/** One sample's value from Prometheus text (0 when absent). */
function sample(text: string, name: string, labels = ""): number {
  const line = text.split("\n").find((entry) => entry.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

const verify = (url: string, key: string) =>
  fetch(`${url}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": key } }).then((r) => r.json());

for (const which of ["app server", "verify server"] as const) {
  test(`${which}: /livez, /readyz, and /metrics counters move with verifications`, async ({ baseURL }) => {
    test.setTimeout(90_000);
    // Redis on a port nobody listens on: rate limits fall back to memory, and readiness says so.
    const env = { DATABASE_URL: apiDatabaseUrl()!, KEYSMITH_METRICS_TOKEN: TOKEN, REDIS_URL: "redis://127.0.0.1:1", LOG_LEVEL: "info" };
    const server = which === "app server" ? await startAppServer(env) : await startVerifyServer(env);
    try {
      const rawKey = await createKey(which === "app server" ? server.url : baseURL!);
      expect(await fetch(`${server.url}/livez`).then((r) => r.status)).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready", database: "ok", redis: "failing (rate limits count per instance)" });

      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(401);

      const before = await scrape(server.url);
      const VALID = 7;
      for (let i = 0; i < VALID; i++) expect((await verify(server.url, rawKey)).code).toBe("VALID");
      expect((await verify(server.url, rawKey.slice(0, -4) + "AAAA")).code).toBe("MALFORMED");
      const after = await scrape(server.url);

      const moved = (name: string, labels = "") => sample(after, name, labels) - sample(before, name, labels);
      expect(moved("keysmith_verifications_total", 'code="VALID"')).toBe(VALID);
      expect(moved("keysmith_verifications_total", 'code="MALFORMED"')).toBe(1);
      expect(moved("keysmith_verification_duration_seconds_count", 'code="VALID"')).toBe(VALID);
      // Each well-formed key's state is looked up once: from the cache (hit) or the database (miss),
      // depending on how long ago it was loaded, so only the sum is certain.
      const lookups =
        moved("keysmith_key_state_lookups_total", 'result="hit"') + moved("keysmith_key_state_lookups_total", 'result="miss"');
      expect(lookups).toBe(VALID);
      expect(moved("keysmith_rate_limit_store_fallbacks_total")).toBeGreaterThanOrEqual(VALID);
      expect(sample(after, "keysmith_db_pool_connections", 'state="total"')).toBeGreaterThanOrEqual(1);
      expect(sample(after, "keysmith_argon2_queue_depth")).toBe(0);
      expect(after).toContain("process_resident_memory_bytes");
      // Every answer carries an X-Request-Id: the caller's when it is a sensible one, else a new UUID.
      const traced = (path: string, init: RequestInit = {}) =>
        fetch(`${server.url}${path}`, init).then((r) => r.headers.get("x-request-id"));
      const verifyInit = (id?: string): RequestInit => ({
        method: "POST",
        headers: { "x-api-key": rawKey, ...(id === undefined ? {} : { "x-request-id": id }) },
      });
      const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      expect(await traced("/api/tokens/verify", verifyInit(`e2e-trace-${which.replace(" ", "-")}`))).toBe(
        `e2e-trace-${which.replace(" ", "-")}`,
      );
      expect(await traced("/api/tokens/verify", verifyInit())).toMatch(UUID);
      expect(await traced("/api/tokens/verify", verifyInit("spaces are not allowed"))).toMatch(UUID);
      expect(await traced("/api/tokens/verify", verifyInit("x".repeat(129)))).toMatch(UUID);
      expect(await traced("/livez", { headers: { "x-request-id": "e2e-livez" } })).toBe("e2e-livez");
      expect(await traced("/no-such-route")).toMatch(UUID);
      // A key sent as the request id is the caller's to see again, but never reaches the log (below).
      expect(await traced("/api/tokens/verify", verifyInit(rawKey))).toBe(rawKey);

      // Usage counts are written within a second (the default interval).
      await expect
        .poll(async () => sample(await scrape(server.url), "keysmith_usage_flushes_total", 'outcome="written"'), { timeout: 20_000 })
        .toBeGreaterThan(sample(after, "keysmith_usage_flushes_total", 'outcome="written"'));
      await expect.poll(async () => sample(await scrape(server.url), "keysmith_usage_flush_lag_seconds"), { timeout: 20_000 }).toBe(0);

      if (which === "verify server") {
        const output = (server as Awaited<ReturnType<typeof startVerifyServer>>).output();
        const lines = output.split("\n").filter((line) => line.includes('"msg":"request"') && line.includes('"/api/tokens/verify"'));
        expect(lines.length).toBeGreaterThanOrEqual(VALID + 1);
        expect(lines.some((line) => (JSON.parse(line) as { requestId: string }).requestId === "e2e-trace-verify-server")).toBe(true);
        expect(JSON.parse(lines[0]!)).toMatchObject({
          method: "POST",
          path: "/api/tokens/verify",
          status: 200,
          requestId: expect.any(String),
          durationMs: expect.any(Number),
        });
        expect(output).not.toContain(rawKey.split("_").at(-1));
        expect(output).toContain(`"requestId":"${rawKey.split("_").slice(0, 4).join("_")}_[redacted]"`);
      }
    } finally {
      await server.stop();
    }
  });
}

test("without KEYSMITH_METRICS_TOKEN, /metrics does not exist", async ({ baseURL }) => {
  expect((await fetch(`${baseURL}/metrics`)).status).toBe(404);
});
