import http from "node:http";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startAppServer } from "../support/app-server-process";
import { apiDatabaseUrl, seedOrg, type SeededOrg } from "../support/seeded-org";

// The caller's address over real TCP: Keysmith's own server takes it from the socket and ignores
// X-Forwarded-For (and its own internal header) unless the socket is a configured trusted proxy.
// Two servers of their own: one trusting nothing (the default), one trusting loopback as a proxy.
test.describe.configure({ mode: "serial" });

let direct: Awaited<ReturnType<typeof startAppServer>>;
let proxied: Awaited<ReturnType<typeof startAppServer>>;
let org: SeededOrg;
let officeKey: string;

const verify = (base: string, key: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/tokens/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ key }),
  }).then(async (response) => (await response.json()) as { code: string });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const database = apiDatabaseUrl()!;
  [direct, proxied] = await Promise.all([
    startAppServer({ DATABASE_URL: database, KEYSMITH_VERIFY_FAILURES_PER_MINUTE: "3", REDIS_URL: "" }),
    startAppServer({ DATABASE_URL: database, KEYSMITH_TRUSTED_PROXIES: "loopback", REDIS_URL: "" }),
  ]);
  org = await seedOrg(database, "Addresses");
  const created = await fetch(`${direct.url}/api/tokens`, {
    method: "POST",
    headers: { cookie: org.cookies.owner, "content-type": "application/json", "x-forwarded-for": "10.9.8.1" },
    body: JSON.stringify({ name: "office only", allowedIps: ["10.9.8.0/24"] }),
  });
  expect(created.status).toBe(201);
  officeKey = (await created.json()).rawKey;
});

test.afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

test("without trusted proxies, X-Forwarded-For and the internal address header unlock nothing", async () => {
  expect((await verify(direct.url, officeKey)).code).toBe("IP_NOT_ALLOWED");
  expect((await verify(direct.url, officeKey, { "x-forwarded-for": "10.9.8.7" })).code).toBe("IP_NOT_ALLOWED");
  expect((await verify(direct.url, officeKey, { "x-real-ip": "10.9.8.7" })).code).toBe("IP_NOT_ALLOWED");
  expect((await verify(direct.url, officeKey, { "x-keysmith-client-address": "10.9.8.7" })).code).toBe("IP_NOT_ALLOWED");
});

test("audit rows record the socket's address, not the one the caller wrote", async () => {
  const client = new pg.Client({ connectionString: apiDatabaseUrl() });
  await client.connect();
  try {
    const rows = await client.query<{ ip: string }>(`SELECT ip FROM "AuditEvent" WHERE "orgId" = $1 AND action = 'key.create'`, [
      org.orgId,
    ]);
    expect(rows.rows.map((row) => row.ip)).toEqual(["127.0.0.1"]);
  } finally {
    await client.end();
  }
});

test("rotating X-Forwarded-For does not dodge the failed-attempt limit", async () => {
  const codes: string[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1)
    codes.push((await verify(direct.url, `junk-${attempt}`, { "x-forwarded-for": `198.51.100.${attempt}` })).code);
  expect(codes).toEqual(["MALFORMED", "MALFORMED", "MALFORMED", "RATE_LIMITED", "RATE_LIMITED"]);
});

test("behind a trusted proxy, the right-most untrusted X-Forwarded-For entry is the client", async () => {
  expect((await verify(proxied.url, officeKey, { "x-forwarded-for": "10.9.8.7" })).code).toBe("VALID");
  // A client can prepend whatever it likes; the proxy appends the address it saw.
  expect((await verify(proxied.url, officeKey, { "x-forwarded-for": "10.9.8.7, 203.0.113.5" })).code).toBe("IP_NOT_ALLOWED");
  expect((await verify(proxied.url, officeKey, { "x-forwarded-for": "203.0.113.5, 10.9.8.7" })).code).toBe("VALID");
  // No header: the proxy itself is the client.
  expect((await verify(proxied.url, officeKey)).code).toBe("IP_NOT_ALLOWED");
});

test("requests for another host name are refused (DNS rebinding), loopback names answer", async () => {
  const statusFor = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const url = new URL(`${direct.url}/api/health`);
      http
        .get({ hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
        .on("error", reject);
    });
  expect(await statusFor("rebound.evil.example")).toBe(421);
  expect(await statusFor(`localhost:${new URL(direct.url).port}`)).toBe(200);
  expect(await statusFor(new URL(direct.url).host)).toBe(200);
});
