import { expect, test } from "@playwright/test";
import { PASSWORD, sessionCookie, signUpViaApi, uniqueEmail } from "../support/accounts";

// Real HTTP against `next start` with a real PostgreSQL. The first sign-up on this server's
// database becomes the owner; later ones are members.
test.describe.configure({ mode: "serial" });

let owner: string;
let member: string;
const KEY_PATTERN = /^ks_live_sk_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/;

test.beforeAll(async ({ request }) => {
  owner = await signUpViaApi(request, uniqueEmail("owner"));
  member = await signUpViaApi(request, uniqueEmail("member"));
});

test("answers 401 JSON without a session, never a redirect", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/tokens"],
    ["POST", "/api/tokens"],
    ["DELETE", "/api/tokens/0190a6d2-0000-7000-8000-000000000000"],
  ] as const) {
    const response = await request.fetch(path, { method, data: method === "POST" ? { name: "x" } : undefined, maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Sign in to use this API, or send an API key." } });
  }
});

test("creates a key, shows it once, lists it without secrets, revokes it idempotently", async ({ request }) => {
  const created = await request.post("/api/tokens", { headers: { cookie: owner }, data: { name: "Deploy bot" } });
  expect(created.status()).toBe(201);
  const { key, rawKey } = await created.json();
  expect(rawKey).toMatch(KEY_PATTERN);
  expect(key).toMatchObject({ name: "Deploy bot", status: "active", prefix: rawKey.slice(0, 15), usageCount: 0, lastUsedAt: null });
  expect(created.headers()["cache-control"]).toBe("no-store");

  const list = await request.get("/api/tokens", { headers: { cookie: owner } });
  expect(list.status()).toBe(200);
  const listText = await list.text();
  expect(listText).not.toContain(rawKey.slice(24));
  expect(listText).not.toContain("argon2");
  const listed = JSON.parse(listText).data.find((k: { id: string }) => k.id === key.id);
  expect(listed).toEqual(key);

  const revoked = await request.delete(`/api/tokens/${key.id}`, { headers: { cookie: owner } });
  expect(revoked.status()).toBe(200);
  const revokedKey = (await revoked.json()).key;
  expect(revokedKey.status).toBe("revoked");
  const again = await request.delete(`/api/tokens/${key.id}`, { headers: { cookie: owner } });
  expect(again.status()).toBe(200);
  expect((await again.json()).key.revokedAt).toBe(revokedKey.revokedAt);
});

test("accepts an expiry and refuses bad input with the field and reason", async ({ request }) => {
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  const ok = await request.post("/api/tokens", { headers: { cookie: owner }, data: { name: "Expiring", expiresAt } });
  expect(ok.status()).toBe(201);
  expect((await ok.json()).key.expiresAt).toBe(expiresAt);

  const cases: [unknown, string][] = [
    [{}, "name"],
    [{ name: "" }, "name"],
    [{ name: "y".repeat(65) }, "name"],
    [{ name: "ok", expiresAt: "next week" }, "expiresAt"],
    [{ name: "ok", expiresAt: "2000-01-01T00:00:00Z" }, "expiresAt"],
    [{ name: "ok", role: "owner" }, "role"],
    [{ name: "ok", expiresInDays: 14 }, "expiresInDays"],
    [{ name: "ok", type: "pk", role: "admin" }, "role"],
    [{ name: "ok", allowedIps: ["300.1.1.1"] }, "allowedIps.0"],
  ];
  const before = (await (await request.get("/api/tokens", { headers: { cookie: owner } })).json()).total;
  for (const [data, field] of cases) {
    const response = await request.post("/api/tokens", { headers: { cookie: owner }, data });
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    expect(body.error.message.length).toBeGreaterThan(5);
  }
  const notJson = await request.post("/api/tokens", {
    headers: { cookie: owner, "content-type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.message).toBe("The body is not valid JSON.");
  const notObject = await request.post("/api/tokens", { headers: { cookie: owner }, data: ["a"] });
  expect(notObject.status()).toBe(400);
  expect((await notObject.json()).error.message).toBe("The body must be a JSON object.");
  const after = (await (await request.get("/api/tokens", { headers: { cookie: owner } })).json()).total;
  expect(after).toBe(before);

  expect((await request.delete("/api/tokens/not-a-uuid", { headers: { cookie: owner } })).status()).toBe(400);
  expect((await request.delete("/api/tokens/0190a6d2-0000-7000-8000-000000000000", { headers: { cookie: owner } })).status()).toBe(404);
});

test("lets members read but not write (403 JSON)", async ({ request }) => {
  const { key } = await (await request.post("/api/tokens", { headers: { cookie: owner }, data: { name: "Owned" } })).json();
  expect((await request.get("/api/tokens", { headers: { cookie: member } })).status()).toBe(200);
  const create = await request.post("/api/tokens", { headers: { cookie: member }, data: { name: "Nope" } });
  expect(create.status()).toBe(403);
  expect((await create.json()).error.code).toBe("FORBIDDEN");
  const revoke = await request.delete(`/api/tokens/${key.id}`, { headers: { cookie: member } });
  expect(revoke.status()).toBe(403);
  const list = await (await request.get("/api/tokens", { headers: { cookie: owner } })).json();
  expect(list.data.find((k: { id: string }) => k.id === key.id).status).toBe("active");
});

test("refuses cookie-authenticated writes from a foreign origin", async ({ request }) => {
  const response = await request.post("/api/tokens", {
    headers: { cookie: owner, origin: "https://evil.example" },
    data: { name: "csrf" },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("BAD_ORIGIN");
});

test("signs in, signs out, and refuses wrong passwords", async ({ request }) => {
  const email = uniqueEmail("signin");
  await signUpViaApi(request, email);
  const wrong = await request.post("/api/auth/sign-in", { data: { email, password: "not the password" } });
  expect(wrong.status()).toBe(401);
  const ok = await request.post("/api/auth/sign-in", { data: { email: email.toUpperCase(), password: PASSWORD } });
  expect(ok.status()).toBe(200);
  const cookie = sessionCookie(ok.headers()["set-cookie"]);
  expect(ok.headers()["set-cookie"]).toMatch(/HttpOnly/i);
  expect(ok.headers()["set-cookie"]).toMatch(/Secure/i);
  expect((await request.get("/api/tokens", { headers: { cookie } })).status()).toBe(200);
  expect((await request.post("/api/auth/sign-out", { headers: { cookie } })).status()).toBe(204);
  expect((await request.get("/api/tokens", { headers: { cookie } })).status()).toBe(401);
});

test("owners manage members: a promoted admin may write, the last owner stays", async ({ request }) => {
  const newcomer = await signUpViaApi(request, uniqueEmail("promoted"));
  expect((await request.post("/api/tokens", { headers: { cookie: newcomer }, data: { name: "before" } })).status()).toBe(403);

  const members = (await (await request.get("/api/members", { headers: { cookie: owner } })).json()).data;
  const me = members.find((m: { role: string }) => m.role === "owner");
  const target = members[members.length - 1];
  expect((await request.patch(`/api/members/${target.id}`, { headers: { cookie: member }, data: { role: "admin" } })).status()).toBe(403);
  const promoted = await request.patch(`/api/members/${target.id}`, { headers: { cookie: owner }, data: { role: "admin" } });
  expect(promoted.status()).toBe(200);
  expect((await promoted.json()).member.role).toBe("admin");
  expect((await request.post("/api/tokens", { headers: { cookie: newcomer }, data: { name: "after" } })).status()).toBe(201);

  const badRole = await request.patch(`/api/members/${target.id}`, { headers: { cookie: owner }, data: { role: "root" } });
  expect(badRole.status()).toBe(400);
  expect((await badRole.json()).error.field).toBe("role");
  const lastOwner = await request.patch(`/api/members/${me.id}`, { headers: { cookie: owner }, data: { role: "member" } });
  expect(lastOwner.status()).toBe(409);

  expect((await request.delete(`/api/members/${target.id}`, { headers: { cookie: owner } })).status()).toBe(204);
  expect((await request.get("/api/tokens", { headers: { cookie: newcomer } })).status()).toBe(401);
});

test("rotates over HTTP: the new key is returned once, the old key works through the grace, a second rotate is 409", async ({
  request,
}) => {
  const { key, rawKey } = await (
    await request.post("/api/tokens", { headers: { cookie: owner }, data: { name: "Rolled", role: "reader", expiresInDays: 30 } })
  ).json();
  const rotated = await request.post(`/api/tokens/${key.id}/rotate`, { headers: { cookie: owner }, data: { grace: "1h" } });
  expect(rotated.status()).toBe(201);
  const body = await rotated.json();
  expect(body.rawKey).toMatch(KEY_PATTERN);
  expect(body.key).toMatchObject({ name: "Rolled", role: "reader", status: "active" });
  expect(body.previous).toMatchObject({ id: key.id, replacedById: body.key.id });
  const verify = async (value: string) => (await (await request.post("/api/tokens/verify", { data: { key: value } })).json()).code;
  expect(await verify(rawKey)).toBe("VALID");
  expect(await verify(body.rawKey)).toBe("VALID");
  const again = await request.post(`/api/tokens/${key.id}/rotate`, { headers: { cookie: owner }, data: { grace: "none" } });
  expect(again.status()).toBe(409);
  const revoke = await request.delete(`/api/tokens/${key.id}`, { headers: { cookie: owner } });
  expect(revoke.status()).toBe(409);
  const bad = await request.post(`/api/tokens/${body.key.id}/rotate`, { headers: { cookie: owner }, data: { grace: "2d" } });
  expect((await bad.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "grace" });
  const member403 = await request.post(`/api/tokens/${body.key.id}/rotate`, { headers: { cookie: member }, data: { grace: "none" } });
  expect(member403.status()).toBe(403);
});

test("lists with server-side pagination, sorting and filters, refusing bad query parameters", async ({ request }) => {
  for (let i = 0; i < 3; i++) await request.post("/api/tokens", { headers: { cookie: owner }, data: { name: `Paged ${i}`, type: "pk" } });
  const page = await (
    await request.get("/api/tokens?type=pk&pageSize=2&page=1&sort=name&order=asc&q=paged", { headers: { cookie: owner } })
  ).json();
  expect(page).toMatchObject({ page: 1, pageSize: 2, total: 3 });
  expect(page.data.map((k: { name: string }) => k.name)).toEqual(["Paged 0", "Paged 1"]);
  expect(page.data[0]).toMatchObject({ type: "pk", maskedValue: expect.stringMatching(/^ks_live_pk_[0-9A-Za-z]{4}\*{4}$/) });
  const bad = await request.get("/api/tokens?status=sleeping", { headers: { cookie: owner } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.field).toBe("status");
});
