import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "../support/accounts";

// The browser journey on a server with an empty database: the first account becomes owner.
test.describe.configure({ mode: "serial" });

async function signUp(page: Page, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /create account|sign up/i }).click();
  await expect(page).toHaveURL(/\/keys$/);
}

test("an owner creates a key, copies it once, sees it listed and revokes it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, uniqueEmail("owner"));
  await expect(page.getByText("No API keys yet")).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: false }).first().fill("Production billing");
  await dialog.getByRole("button", { name: "Create key" }).click();

  const shown = dialog.getByTestId("raw-key");
  await expect(shown).toBeVisible();
  const rawKey = (await shown.inputValue().catch(() => shown.innerText())).trim();
  expect(rawKey).toMatch(/^ks_live_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/);
  await expect(dialog.getByText("This key will not be shown again. Save it now.")).toBeVisible();

  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(rawKey);

  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Gone from the page for good: the raw key is not in the DOM after the modal closes.
  expect(await page.content()).not.toContain(rawKey);

  const row = page.getByTestId("key-row").filter({ hasText: "Production billing" });
  await expect(row).toContainText(rawKey.slice(0, 12));
  await expect(row).toContainText("Active");
  await expect(row).toContainText("never");

  await page.screenshot({ path: test.info().outputPath("keys-page.png"), fullPage: true });
  await page.screenshot({ path: "test-results/keys-page.png", fullPage: true });

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Services using this key will stop working immediately.");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  // The revocation is stored, not just shown.
  await page.reload();
  await expect(page.getByTestId("key-row").filter({ hasText: "Production billing" })).toContainText("Revoked");
});

test("search filters by name or prefix and sorting orders the rows", async ({ page }) => {
  await page.goto("/sign-in");
  // The owner from the first test is signed out in this fresh context; sign up a member to read.
  await signUp(page, uniqueEmail("reader"));
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  const search = page.getByPlaceholder("Search by name or prefix");
  await search.fill("billing");
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await search.fill("no such key");
  await expect(page.getByTestId("key-row")).toHaveCount(0);
  await expect(page.getByText(/no keys match/i)).toBeVisible();
});

test("a member sees the keys but no create or revoke buttons", async ({ page }) => {
  await signUp(page, uniqueEmail("member"));
  await expect(page.getByTestId("key-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(page.getByText("member", { exact: false }).first()).toBeVisible();

  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByTestId("member-row").first()).toBeVisible();
  await expect(page.getByRole("combobox")).toHaveCount(0);
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/sign-in/);
});
