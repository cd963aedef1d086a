import { expect, test } from "@playwright/test";
import { createKeysmithClient, KeysmithError } from "../../packages/sdk/src/index";
import { apiDatabaseUrl, seedOrg, type SeededOrg } from "../support/seeded-org";

// @keysmith/sdk's management client against a running Keysmith (`next start`, the API server).

let org: SeededOrg;
let baseURL: string;
let adminKey: string;

test.beforeAll(async ({ request }, info) => {
  baseURL = info.project.use.baseURL!;
  org = await seedOrg(apiDatabaseUrl(), "SDK");
  const created = await request.post("/api/tokens", { headers: { cookie: org.cookies.owner }, data: { name: "SDK admin", role: "admin" } });
  expect(created.status()).toBe(201);
  adminKey = (await created.json()).rawKey;
});

test("creates, lists, reads, rotates and revokes keys with typed calls", async () => {
  const client = createKeysmithClient({ baseUrl: baseURL, apiKey: adminKey });
  const created = await client.keys.create({ name: "made by the SDK", role: "reader", expiresInDays: 30 });
  expect(created.rawKey).toMatch(/^ks_live_sk_/);
  expect(created.key.expiresAt).not.toBeNull();
  const page = await client.keys.list({ q: "made by the SDK", pageSize: 10 });
  expect(page.data.map((key) => key.id)).toContain(created.key.id);
  expect((await client.keys.get(created.key.id)).key.name).toBe("made by the SDK");
  const rotated = await client.keys.rotate(created.key.id, { grace: "none" });
  expect(rotated.previous.status).toBe("revoked");
  expect((await client.keys.revoke(rotated.key.id)).key.status).toBe("revoked");
  const policy = await client.call("getKeyPolicy");
  expect(typeof policy.policy.revokeLeakedKeys).toBe("boolean");
});

test("throws KeysmithError with the API's code, message and field", async () => {
  const client = createKeysmithClient({ baseUrl: baseURL, apiKey: adminKey });
  const error = await client.keys.create({ name: "" }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(KeysmithError);
  expect(error).toMatchObject({ status: 400, code: "VALIDATION_FAILED", field: "name" });
  const unauthenticated = createKeysmithClient({ baseUrl: baseURL, apiKey: "ks_live_sk_nope" });
  await expect(unauthenticated.keys.list()).rejects.toMatchObject({ status: 401 });
});
