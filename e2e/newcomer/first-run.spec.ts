import { statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createKeyInDialog, signUpInBrowser } from "../support/browser";
import { compileRoutes, recordDocumentLoads } from "../support/dev-server";

// The README's first command as a newcomer runs it: `npm run dev` with no database, pepper or
// encryption key configured (playwright.config.ts, base+5). Embedded PGlite, generated
// secrets, local sign-in — and the product works end to end on them.
// It must pass on slow hardware: every route is compiled before the browser opens, the journey
// waits for React to hydrate each form it uses, and it makes no full reloads.
const dataDir = process.env.E2E_NEWCOMER_DATA_DIR!;

test("a newcomer signs up as owner, creates a key in the browser, and a service verifies it", async ({ page }) => {
  test.setTimeout(300_000); // first compiles of the development server, on whatever machine runs this

  await compileRoutes(page.request, [
    { method: "GET", path: "/sign-up" },
    { method: "GET", path: "/sign-in" },
    { method: "GET", path: "/keys" }, // redirects to /sign-in without a session, once compiled
    { method: "POST", path: "/api/auth/sign-up" }, // {}: 400, no account made
    { method: "GET", path: "/api/tokens" },
    { method: "POST", path: "/api/tokens/verify" },
  ]);
  const loads = recordDocumentLoads(page);

  await signUpInBrowser(page, "newcomer@example.test");
  await expect(page.getByText("Owner", { exact: true })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  const { dialog, rawKey } = await createKeyInDialog(page, "First service");
  await dialog.getByRole("button", { name: "Done" }).click();

  // A service checks the key, as it would on every request.
  const verdict = await page.request.post("/api/tokens/verify", { headers: { "x-api-key": rawKey } });
  expect(verdict.status()).toBe(200);
  expect(await verdict.json()).toMatchObject({ valid: true, code: "VALID", name: "First service" });
  expect(loads, "full page loads during the journey").toEqual(["/sign-up"]);

  // The use is counted (flushed within a second), then shown in the table on the next visit.
  const usage = async () => {
    const list = (await (await page.request.get("/api/tokens")).json()) as { data: { name: string; usageCount: number }[] };
    return list.data.find((key) => key.name === "First service")?.usageCount;
  };
  await expect.poll(usage, { timeout: 30_000 }).toBe(1);
  await page.goto("/keys");
  const row = page.getByTestId("key-row").filter({ hasText: "First service" });
  await expect(row.getByRole("cell").filter({ hasText: /^1$/ })).toHaveCount(1);

  // Everything lives in the one data directory, the generated secrets readable by their owner only.
  for (const secret of ["pepper", "encryption-key"]) {
    expect(statSync(path.join(dataDir, secret)).mode & 0o777, secret).toBe(0o600);
  }
  expect(statSync(path.join(dataDir, "pglite")).isDirectory()).toBe(true);
});
