import { expect, test } from "@playwright/test";
import { comparableAnswer, hostileVerifyBodies } from "../support/hostile-verify-bodies";
import { rawPost } from "../support/raw-http";
import { apiDatabaseUrl, seedOrg } from "../support/seeded-org";
import { startVerifyServer } from "../support/verify-server-process";

// The same hostile bodies, over real HTTP, to `next start` and to the standalone verify server
// (`npm run verify-server`): both must give the same status and the same body. Both read the body
// with lib/verify/body.ts; this proves nothing in front of it (Next, node:http) changes the answer.
let verifyServer: Awaited<ReturnType<typeof startVerifyServer>>;
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
});

test.afterAll(async () => {
  await verifyServer?.stop();
});

test("both servers answer every hostile verify body identically", async ({ baseURL }) => {
  const differences: string[] = [];
  for (const [name, { request, expected }] of Object.entries(hostileVerifyBodies(rawKey))) {
    const next = comparableAnswer(await rawPost(`${baseURL}/api/tokens/verify`, request));
    const standalone = comparableAnswer(await rawPost(`${verifyServer.url}/api/tokens/verify`, request));
    expect.soft(next.status, `${name} (next start)`).toBe(expected);
    expect.soft(standalone.status, `${name} (verify server)`).toBe(expected);
    if (JSON.stringify(next) !== JSON.stringify(standalone))
      differences.push(`${name}: ${JSON.stringify(next)} ≠ ${JSON.stringify(standalone)}`);
  }
  expect(differences).toEqual([]);
});
