import { statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createKeyInDialog, signUpInBrowser } from "../support/browser";

// The README's first command as a newcomer runs it: `npm run dev` with no database, pepper or
// encryption key configured (playwright.config.ts, base+5). Embedded PGlite, generated
// secrets, local sign-in — and the product works end to end on them.
const dataDir = process.env.E2E_NEWCOMER_DATA_DIR!;

test("a newcomer signs up as owner, creates a key in the browser, and a service verifies it", async ({ page }) => {
  test.setTimeout(180_000); // the development server compiles each page and route on first use

  await signUpInBrowser(page, "newcomer@example.test");
  await expect(page.getByText("Owner", { exact: true })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  const { dialog, rawKey } = await createKeyInDialog(page, "First service");
  await dialog.getByRole("button", { name: "Done" }).click();

  // A service checks the key, as it would on every request.
  const verdict = await page.request.post("/api/tokens/verify", { headers: { "x-api-key": rawKey } });
  expect(verdict.status()).toBe(200);
  expect(await verdict.json()).toMatchObject({ valid: true, code: "VALID", name: "First service" });

  // The use is counted (flushed within a second) and shown in the table.
  const row = page.getByTestId("key-row").filter({ hasText: "First service" });
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("cell").filter({ hasText: /^1$/ })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // Everything lives in the one data directory, the generated secrets readable by their owner only.
  for (const secret of ["pepper", "encryption-key"]) {
    expect(statSync(path.join(dataDir, secret)).mode & 0o777, secret).toBe(0o600);
  }
  expect(statSync(path.join(dataDir, "pglite")).isDirectory()).toBe(true);
});
