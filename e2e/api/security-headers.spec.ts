import { expect, test } from "@playwright/test";
import { expectSecurityHeaders } from "../support/security-headers";

test("pages and API answers carry the security headers", async ({ request }) => {
  for (const path of ["/sign-in", "/api/tokens", "/api/health"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(response.headers(), path);
  }
});

// proxy.ts leaves these routes out for speed; each sets the headers itself, on every answer.
test("the machine routes outside the proxy carry them too: verdicts, refusals and the ping", async ({ request }) => {
  const verify = "/api/tokens/verify";
  const answers = [
    ["verdict", await request.post(verify, { data: { key: "ks_live_sk_not-a-key" } }), 200],
    ["missing key", await request.post(verify, { data: {} }), 400],
    ["body over 16 KiB", await request.post(verify, { data: { key: "x".repeat(20_000) } }), 413],
    ["ping", await request.get("/api/ping"), 200],
  ] as const;
  for (const [what, response, status] of answers) {
    expect(response.status(), what).toBe(status);
    expectSecurityHeaders(response.headers(), what);
  }
});

test("the sign-in page works under its Content-Security-Policy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  expect(violations).toEqual([]);
});
