import { expect, test } from "@playwright/test";
import { apiDatabaseUrl, seedOrg } from "../support/seeded-org";

// Key detail, usage and the audit:read / usage:read scopes over real HTTP.
test.describe.configure({ mode: "serial" });

let owner: string;
async function createKey(request: import("@playwright/test").APIRequestContext, data: Record<string, unknown>) {
  const response = await request.post("/api/tokens", { headers: { cookie: owner }, data });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { key: { id: string }; rawKey: string };
}

test.beforeAll(async () => {
  owner = (await seedOrg(apiDatabaseUrl(), "Insight API")).cookies.owner;
});

test("a key's detail and daily usage follow its verifications", async ({ request }) => {
  const { key, rawKey } = await createKey(request, { name: "insight detail" });
  for (let i = 0; i < 3; i++) await request.post("/api/tokens/verify", { data: { key: rawKey } });
  const detail = await request.get(`/api/tokens/${key.id}`, { headers: { cookie: owner } });
  expect(detail.status()).toBe(200);
  expect((await detail.json()).key).toMatchObject({
    id: key.id,
    name: "insight detail",
    createdByLabel: expect.stringMatching(/^owner-.*@insight-api\.example\.test$/),
  });
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/tokens/${key.id}/usage?days=2`, { headers: { cookie: owner } })).json()).days.at(-1).count,
      { timeout: 10_000 },
    )
    .toBe(3);
  const bad = await request.get(`/api/tokens/${key.id}/usage?days=0`, { headers: { cookie: owner } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.field).toBe("days");
});

test("audit:read and usage:read open the audit trail and usage to an API key", async ({ request }) => {
  const auditor = (await createKey(request, { name: "auditor", scopes: ["audit:read"] })).rawKey;
  const analyst = (await createKey(request, { name: "analyst", scopes: ["usage:read"] })).rawKey;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  expect((await request.get("/api/audit", { headers: auth(auditor) })).status()).toBe(200);
  const csv = await request.get("/api/audit/export", { headers: auth(auditor) });
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await request.get("/api/usage", { headers: auth(auditor) })).status()).toBe(403);

  const usage = await request.get("/api/usage?days=7", { headers: auth(analyst) });
  expect(usage.status()).toBe(200);
  expect((await usage.json()).daily).toHaveLength(7);
  const refused = await request.get("/api/audit", { headers: auth(analyst) });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toBe("This API key needs the audit:read scope.");
});
