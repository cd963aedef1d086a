import { expect, test } from "@playwright/test";
import { checksumOf, generateKey } from "../../lib/keys/format";
import { apiDatabaseUrl, seedOrg } from "../support/seeded-org";

// POST /api/tokens/verify and API-key access to /api/tokens over real HTTP against `next start`.
test.describe.configure({ mode: "serial" });

let owner: string;

async function createKey(
  request: import("@playwright/test").APIRequestContext,
  data: Record<string, unknown>,
  auth: Record<string, string> = { cookie: owner },
) {
  const response = await request.post("/api/tokens", { headers: auth, data });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { key: { id: string; name: string }; rawKey: string };
}

/** The key with one keyId character changed. */
function otherKeyId(rawKey: string): string {
  return rawKey.slice(0, 11) + (rawKey[11] === "A" ? "B" : "A") + rawKey.slice(12);
}

test.beforeAll(async () => {
  owner = (await seedOrg(apiDatabaseUrl(), "Verify")).cookies.owner;
});

test("GET /api/ping answers a trivial JSON", async ({ request }) => {
  const response = await request.get("/api/ping");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});

test("verifies a key from the body, Bearer, ApiKey and X-API-Key with rate-limit headers", async ({ request }) => {
  const { rawKey } = await createKey(request, { name: "verify me", scopes: ["packages:*"] });
  const variants: { data?: unknown; headers?: Record<string, string> }[] = [
    { data: { key: rawKey, scopes: ["packages:read"] } },
    { headers: { authorization: `Bearer ${rawKey}` } },
    { headers: { authorization: `ApiKey ${rawKey}` } },
    // Services on other origins call it: no session, no Origin check.
    { headers: { "x-api-key": rawKey, origin: "https://service.example" } },
  ];
  for (const variant of variants) {
    const response = await request.post("/api/tokens/verify", variant);
    expect(response.status()).toBe(200);
    expect(response.headers()["ratelimit-limit"]).toBe("300");
    expect(Number(response.headers()["ratelimit-reset"])).toBeGreaterThan(0);
    const body = await response.json();
    expect(body).toMatchObject({ valid: true, code: "VALID", name: "verify me", scopes: ["packages:*"], expiresAt: null });
    expect(Object.keys(body).sort()).toEqual([
      "code",
      "environment",
      "expiresAt",
      "keyId",
      "meta",
      "name",
      "orgId",
      "projectId",
      "ratelimit",
      "remaining",
      "scopes",
      "type",
      "valid",
    ]);
  }
  const scoped = await request.post("/api/tokens/verify", { data: { key: rawKey, scopes: ["admin:read"] } });
  expect(await scoped.json()).toMatchObject({ valid: false, code: "INSUFFICIENT_SCOPE" });
});

test("answers MALFORMED and NOT_FOUND with 200, a wrong key id exactly like an unknown one, 400 for a bad request", async ({ request }) => {
  const { rawKey } = await createKey(request, { name: "probe" });
  const malformed = await request.post("/api/tokens/verify", { data: { key: rawKey.slice(0, -1) } });
  expect(malformed.status()).toBe(200);
  expect((await malformed.json()).code).toBe("MALFORMED");
  // Changing a keyId character breaks the checksum too: the checksum guards every part.
  expect((await (await request.post("/api/tokens/verify", { data: { key: otherKeyId(rawKey) } })).json()).code).toBe("MALFORMED");

  const unknown = await request.post("/api/tokens/verify", { data: { key: generateKey().raw } });
  const body = `${rawKey.slice(0, 24)}${generateKey().secret}`;
  const wrongSecret = await request.post("/api/tokens/verify", { data: { key: body + checksumOf(body) } });
  expect(unknown.status()).toBe(200);
  expect(wrongSecret.status()).toBe(200);
  const unknownBody = await unknown.json();
  expect(unknownBody).toEqual({
    valid: false,
    code: "NOT_FOUND",
    keyId: null,
    orgId: null,
    name: null,
    type: null,
    environment: null,
    projectId: null,
    scopes: [],
    expiresAt: null,
    meta: null,
    ratelimit: null,
    remaining: null,
  });
  expect(await wrongSecret.json()).toEqual(unknownBody);

  const bad = await request.post("/api/tokens/verify", { data: { scopes: ["packages:read"] } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "key" });
  const notJson = await request.post("/api/tokens/verify", { headers: { "content-type": "application/json" }, data: Buffer.from("{nope") });
  expect(notJson.status()).toBe(400);
});

test("revoked, disabled and rate-limited keys over HTTP", async ({ request }) => {
  const limited = await createKey(request, { name: "two per minute", rateLimitPerMinute: 2 });
  const codes = [];
  for (let i = 0; i < 3; i++) {
    const response = await request.post("/api/tokens/verify", { headers: { "x-api-key": limited.rawKey } });
    codes.push((await response.json()).code);
    if (i === 2) {
      expect(response.status()).toBe(200);
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
      expect(response.headers()["ratelimit-remaining"]).toBe("0");
    }
  }
  expect(codes).toEqual(["VALID", "VALID", "RATE_LIMITED"]);

  const { key, rawKey } = await createKey(request, { name: "switch" });
  const verify = async () => (await (await request.post("/api/tokens/verify", { data: { key: rawKey } })).json()).code;
  expect(await verify()).toBe("VALID");
  expect((await request.patch(`/api/tokens/${key.id}`, { headers: { cookie: owner }, data: { disabled: true } })).status()).toBe(200);
  await expect.poll(verify, { timeout: 1500 }).toBe("DISABLED");
  expect((await request.patch(`/api/tokens/${key.id}`, { headers: { cookie: owner }, data: { disabled: false } })).status()).toBe(200);
  await expect.poll(verify, { timeout: 1500 }).toBe("VALID");
  expect((await request.delete(`/api/tokens/${key.id}`, { headers: { cookie: owner } })).status()).toBe(200);
  await expect.poll(verify, { timeout: 1500 }).toBe("REVOKED");
  const reenable = await request.patch(`/api/tokens/${key.id}`, { headers: { cookie: owner }, data: { disabled: false } });
  expect(reenable.status()).toBe(409);
});

test("an API key manages keys through /api/tokens within its scopes", async ({ request }) => {
  // A key grants only scopes it holds itself (docs/authorization.md, rule 1): the writer holds packages:read too.
  const writer = await createKey(request, { name: "automation", scopes: ["keys:write", "packages:read"] });
  const reader = await createKey(request, { name: "auditor", scopes: ["keys:read"] });
  const asWriter = { authorization: `Bearer ${writer.rawKey}` };
  const asReader = { "x-api-key": reader.rawKey };

  const made = await createKey(
    request,
    { name: "made by a key", scopes: ["packages:read"] },
    { ...asWriter, origin: "https://ci.example" },
  );
  expect(made.rawKey).toMatch(/^ks_live_/);
  const list = await request.get("/api/tokens", { headers: asReader });
  expect(list.status()).toBe(200);
  expect((await list.json()).data.map((k: { name: string }) => k.name)).toContain("made by a key");
  const refused = await request.post("/api/tokens", { headers: asReader, data: { name: "nope" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");

  expect((await request.patch(`/api/tokens/${made.key.id}`, { headers: asWriter, data: { disabled: true } })).status()).toBe(200);
  expect((await request.delete(`/api/tokens/${made.key.id}`, { headers: asWriter })).status()).toBe(200);

  const unknown = await request.get("/api/tokens", { headers: { authorization: "Bearer ks_live_sk_000000000000_nope" } });
  expect(unknown.status()).toBe(401);
  expect(unknown.headers()["www-authenticate"]).toMatch(/^Bearer/);

  // Revoking the automation key locks it out at once.
  expect((await request.delete(`/api/tokens/${writer.key.id}`, { headers: { cookie: owner } })).status()).toBe(200);
  await expect.poll(async () => (await request.get("/api/tokens", { headers: asWriter })).status(), { timeout: 1500 }).toBe(401);
});
