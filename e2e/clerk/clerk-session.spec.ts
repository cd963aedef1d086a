import { expect, test } from "@playwright/test";
import { importPKCS8, SignJWT } from "jose";
import { testClerkKeys } from "../support/clerk-keys";

// The server runs with AUTH_PROVIDER=clerk and CLERK_JWT_KEY: Clerk verifies session tokens
// locally ("networkless"). Tokens here are signed with the matching private key.
async function sessionToken(claims: Record<string, unknown>, expiresInSeconds = 300): Promise<string> {
  const key = await importPKCS8(testClerkKeys().privateKeyPem, "RS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: `sess_${claims.sub}`, ...claims })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuedAt(now - 5)
    .setNotBefore(now - 5)
    .setExpirationTime(now + expiresInSeconds)
    .sign(key);
}

test("answers 401 JSON without a session token", async ({ request }) => {
  const response = await request.get("/api/tokens", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});

test("accepts a Clerk session token and scopes keys to the Clerk organisation", async ({ request }) => {
  const admin = await sessionToken({ sub: "user_clerk_admin", v: 2, o: { id: "org_clerk_acme", rol: "admin", slg: "acme", per: "" } });
  const created = await request.post("/api/tokens", { headers: { authorization: `Bearer ${admin}` }, data: { name: "From Clerk" } });
  expect(created.status(), await created.text()).toBe(201);
  const { key } = await created.json();

  const list = await request.get("/api/tokens", { headers: { authorization: `Bearer ${admin}` } });
  expect(list.status()).toBe(200);
  expect((await list.json()).data.map((k: { id: string }) => k.id)).toContain(key.id);

  // A member of the same Clerk organisation reads but cannot write.
  const member = await sessionToken({ sub: "user_clerk_member", v: 2, o: { id: "org_clerk_acme", rol: "member", slg: "acme", per: "" } });
  expect((await request.get("/api/tokens", { headers: { authorization: `Bearer ${member}` } })).status()).toBe(200);
  expect((await request.post("/api/tokens", { headers: { authorization: `Bearer ${member}` }, data: { name: "x" } })).status()).toBe(403);

  // Another Clerk organisation sees none of it.
  const outsider = await sessionToken({ sub: "user_clerk_other", v: 2, o: { id: "org_clerk_other", rol: "admin", slg: "other", per: "" } });
  const foreign = await (await request.get("/api/tokens", { headers: { authorization: `Bearer ${outsider}` } })).json();
  expect(foreign.data.map((k: { id: string }) => k.id)).not.toContain(key.id);
});

test("a signed-out visit to a dashboard page goes to sign-in and asks to come back there (a sent x-keysmith-path is ignored)", async ({
  request,
}) => {
  const response = await request.get("/audit?area=keys", { maxRedirects: 0, headers: { "x-keysmith-path": "/usage" } });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  const location = new URL(response.headers()["location"]!, "http://localhost");
  expect(location.pathname).toBe("/sign-in");
  expect(location.searchParams.get("next")).toBe("/audit?area=keys");
});

test("refuses expired and forged tokens", async ({ request }) => {
  const expired = await sessionToken({ sub: "user_clerk_admin" }, -60);
  expect((await request.get("/api/tokens", { headers: { authorization: `Bearer ${expired}` } })).status()).toBe(401);
  const forged = (await sessionToken({ sub: "user_clerk_admin" })).slice(0, -4) + "AAAA";
  expect((await request.get("/api/tokens", { headers: { authorization: `Bearer ${forged}` } })).status()).toBe(401);
});

test("with Clerk on, API keys still verify and manage keys, and Clerk tokens are not mistaken for keys", async ({ request }) => {
  const admin = await sessionToken({ sub: "user_clerk_admin", v: 2, o: { id: "org_clerk_acme", rol: "admin", slg: "acme", per: "" } });
  const created = await request.post("/api/tokens", {
    headers: { authorization: `Bearer ${admin}` },
    data: { name: "Clerk automation", scopes: ["keys:read"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { rawKey } = await created.json();

  const verified = await request.post("/api/tokens/verify", { headers: { authorization: `Bearer ${rawKey}` } });
  expect(await verified.json()).toMatchObject({ valid: true, code: "VALID", name: "Clerk automation" });
  const list = await request.get("/api/tokens", { headers: { authorization: `Bearer ${rawKey}` } });
  expect(list.status()).toBe(200);
  expect((await list.json()).data.map((k: { name: string }) => k.name)).toContain("Clerk automation");
  expect((await request.post("/api/tokens", { headers: { "x-api-key": rawKey }, data: { name: "x" } })).status()).toBe(403);
});
