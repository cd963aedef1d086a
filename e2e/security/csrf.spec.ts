import { expect, test } from "@playwright/test";
import { ensureFirstAccount, FIRST_ACCOUNT } from "../support/first-account";
import { rowCounts } from "../support/security-db";
import { documentedOperations, fetchDocument, seedSecurityOrg } from "../support/security-org";
import type { SeededOrg } from "../support/seeded-org";

// Cookie-authenticated writes must come from Keysmith's own origin. Every write the OpenAPI
// document lists is sent with a valid owner session from a foreign origin, and must be refused
// with 403 BAD_ORIGIN before anything happens.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
test.beforeAll(async ({ request }) => {
  await ensureFirstAccount(request);
  org = await seedSecurityOrg("CSRF");
});

const CROSS_SITE: Record<string, Record<string, string>> = {
  "a foreign Origin": { origin: "https://evil.example" },
  "a foreign Origin on the same host name, other port": { origin: "http://localhost:1" },
  "Origin: null (sandboxed frame, file:)": { origin: "null" },
  "no Origin, but Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site" },
  "a same-looking Origin with Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site", origin: "http://localhost" },
};

for (const [label, headers] of Object.entries(CROSS_SITE)) {
  test(`every write is refused from ${label}, and nothing changes`, async ({ request }) => {
    // POST /api/tokens/verify and POST /api/leaks/github are exempt by design: they read no cookie; verify acts on
    // nothing but the key it is sent, a leak report only with a scanner's signature (401 without one).
    const writes = documentedOperations(await fetchDocument(request)).filter(
      (operation) => operation.method !== "GET" && operation.path !== "/api/tokens/verify" && operation.path !== "/api/leaks/github",
    );
    expect(writes.length).toBeGreaterThan(15);
    const before = await rowCounts();
    for (const write of writes) {
      const response = await request.fetch(write.url, {
        method: write.method,
        headers: { cookie: org.cookies.owner, ...headers, ...(write.jsonBody ? { "content-type": "application/json" } : {}) },
        data: write.jsonBody ? JSON.stringify({ name: "csrf", email: "csrf@example.test", password: "csrf password 123" }) : undefined,
      });
      expect(response.status(), `${write.method} ${write.path}`).toBe(403);
      expect((await response.json()).error.code, `${write.method} ${write.path}`).toBe("BAD_ORIGIN");
    }
    expect(await rowCounts()).toEqual(before);
  });
}

test("the same origin may write, and so may a non-browser client that sends no Origin", async ({ request, baseURL }) => {
  const sameOrigin = await request.post("/api/tokens", {
    headers: { cookie: org.cookies.owner, origin: baseURL!, "sec-fetch-site": "same-origin" },
    data: { name: "same origin" },
  });
  expect(sameOrigin.status()).toBe(201);
  const cli = await request.post("/api/tokens", { headers: { cookie: org.cookies.owner }, data: { name: "curl" } });
  expect(cli.status()).toBe(201);
});

test("the session cookie is HttpOnly, Secure and SameSite=Lax, so other sites' requests do not carry it", async ({
  playwright,
  baseURL,
}) => {
  const context = await playwright.request.newContext({ baseURL });
  await ensureFirstAccount(context);
  const response = await context.post("/api/auth/sign-in", { data: FIRST_ACCOUNT });
  const setCookie = response.headers()["set-cookie"] ?? "";
  expect(setCookie).toMatch(/ks_session=/);
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/Secure/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  expect(setCookie).toMatch(/Path=\//i);
  await context.dispose();
});
