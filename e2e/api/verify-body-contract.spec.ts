import { expect, test } from "@playwright/test";
import { comparableAnswer, hostileVerifyBodies } from "../support/hostile-verify-bodies";
import { rawPost } from "../support/raw-http";
import { apiDatabaseUrl, seedOrg } from "../support/seeded-org";
import { startBareNext } from "../support/next-start-process";
import { startVerifyServer } from "../support/verify-server-process";

// The same hostile bodies, over real HTTP, to Keysmith's server (`npm start`), to the standalone
// verify server (`npm run verify-server`) and to a bare `next start` (its Pages Router verify route):
// all must give the same status and the same body. All read the body with lib/verify/body.ts; this
// proves nothing in front of it (Next.js, node:http) changes the answer.
let verifyServer: Awaited<ReturnType<typeof startVerifyServer>>;
let bareNext: Awaited<ReturnType<typeof startBareNext>>;
let rawKey: string;

test.beforeAll(async ({ request }) => {
  const owner = (await seedOrg(apiDatabaseUrl(), "VerifyBody")).cookies.owner;
  const created = await request.post("/api/tokens", {
    headers: { cookie: owner },
    data: { name: "contract", rateLimitPerMinute: 100_000 },
  });
  expect(created.status()).toBe(201);
  rawKey = (await created.json()).rawKey;
  verifyServer = await startVerifyServer({ DATABASE_URL: apiDatabaseUrl()! });
  bareNext = await startBareNext({ DATABASE_URL: apiDatabaseUrl()! });
});

test.afterAll(async () => {
  await verifyServer?.stop();
  await bareNext?.stop();
});

test("every server answers every hostile verify body identically", async ({ baseURL }) => {
  const differences: string[] = [];
  for (const [name, { request, expected }] of Object.entries(hostileVerifyBodies(rawKey))) {
    const app = comparableAnswer(await rawPost(`${baseURL}/api/tokens/verify`, request));
    const standalone = comparableAnswer(await rawPost(`${verifyServer.url}/api/tokens/verify`, request));
    const next = comparableAnswer(await rawPost(`${bareNext.url}/api/tokens/verify`, request));
    expect.soft(app.status, `${name} (npm start)`).toBe(expected);
    expect.soft(standalone.status, `${name} (verify server)`).toBe(expected);
    expect.soft(next.status, `${name} (bare next start)`).toBe(expected);
    if (JSON.stringify(app) !== JSON.stringify(standalone))
      differences.push(`${name}: ${JSON.stringify(app)} ≠ verify server ${JSON.stringify(standalone)}`);
    if (JSON.stringify(app) !== JSON.stringify(next))
      differences.push(`${name}: ${JSON.stringify(app)} ≠ bare next start ${JSON.stringify(next)}`);
  }
  expect(differences).toEqual([]);
});

test("a bare next start verifies through its route with the security headers; other methods get 405", async ({ request }) => {
  const answer = await request.post(`${bareNext.url}/api/tokens/verify`, { headers: { authorization: `Bearer ${rawKey}` } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ valid: true, code: "VALID" });
  expect(answer.headers()["content-type"]).toBe("application/json");
  expect(answer.headers()["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers()["content-security-policy"]).toContain("default-src 'self'");
  const get = await request.get(`${bareNext.url}/api/tokens/verify`);
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("OPTIONS, POST");
});
