import { createHash, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { sessionCookie } from "../support/accounts";
import { ensureFirstAccount, FIRST_ACCOUNT } from "../support/first-account";
import { withSecurityDb } from "../support/security-db";

// Local-mode sessions: a session id chosen before sign-in is never adopted, sign-out ends the
// session on the server (a copied cookie stops working), and an expired session is refused.
test.describe.configure({ mode: "serial" });

const sessionId = (cookie: string) =>
  createHash("sha256")
    .update(cookie.replace(/^ks_session=/, ""))
    .digest("hex");

async function status(request: APIRequestContext, cookie: string): Promise<number> {
  return (await request.get("/api/tokens", { headers: { cookie } })).status();
}

async function signIn(request: APIRequestContext, cookie?: string): Promise<string> {
  const response = await request.post("/api/auth/sign-in", { data: FIRST_ACCOUNT, headers: cookie ? { cookie } : {} });
  expect(response.status()).toBe(200);
  return sessionCookie(response.headers()["set-cookie"]);
}

test.beforeAll(async ({ request }) => {
  await ensureFirstAccount(request);
});

test("a session id planted before sign-in is replaced, and is never accepted", async ({ request }) => {
  const planted = `ks_session=${randomBytes(32).toString("base64url")}`;
  expect(await status(request, planted)).toBe(401);
  const issued = await signIn(request, planted);
  expect(issued).not.toBe(planted);
  expect(await status(request, planted)).toBe(401);
  expect(await status(request, issued)).toBe(200);
  const stored = await withSecurityDb((client) => client.query(`SELECT id FROM "Session" WHERE id = $1`, [sessionId(planted)]));
  expect(stored.rowCount).toBe(0);
});

test("signing in again while signed in issues a new session id", async ({ request }) => {
  const first = await signIn(request);
  const second = await signIn(request, first);
  expect(second).not.toBe(first);
  expect(await status(request, second)).toBe(200);
});

test("sign-out ends the session on the server: the old cookie, replayed, is refused", async ({ request }) => {
  const cookie = await signIn(request);
  expect(await status(request, cookie)).toBe(200);
  const signedOut = await request.post("/api/auth/sign-out", { headers: { cookie } });
  expect(signedOut.status()).toBe(204);
  expect(signedOut.headers()["set-cookie"]).toMatch(/ks_session=;/);
  expect(await status(request, cookie)).toBe(401);
  const stored = await withSecurityDb((client) => client.query(`SELECT id FROM "Session" WHERE id = $1`, [sessionId(cookie)]));
  expect(stored.rowCount).toBe(0);
});

test("an expired session is refused even though the row still exists", async ({ request }) => {
  const cookie = await signIn(request);
  expect(await status(request, cookie)).toBe(200);
  await withSecurityDb((client) =>
    client.query(`UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [sessionId(cookie)]),
  );
  expect(await status(request, cookie)).toBe(401);
  const page = await request.get("/keys", { headers: { cookie }, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/sign-in$/);
});

test("the database holds only the SHA-256 of session tokens, never the cookie value", async ({ request }) => {
  const cookie = await signIn(request);
  const token = cookie.replace(/^ks_session=/, "");
  const rows = await withSecurityDb((client) =>
    client.query(`SELECT id FROM "Session" WHERE id = $1 OR id = $2`, [token, sessionId(cookie)]),
  );
  expect(rows.rows).toEqual([{ id: sessionId(cookie) }]);
});
