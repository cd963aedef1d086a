import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "../support/accounts";
import { createKeyInDialog, signUpInBrowser } from "../support/browser";

// The browser journey on a server with an empty database: the first account becomes owner.
test.describe.configure({ mode: "serial" });

let ownerEmail = "";

test("an owner creates a key, copies it once, sees it listed and revokes it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  ownerEmail = uniqueEmail("owner");
  await signUpInBrowser(page, ownerEmail);
  await expect(page.getByText("No API keys yet")).toBeVisible();

  const { dialog, rawKey } = await createKeyInDialog(page, "Production billing");
  await expect(dialog.getByText("This key will not be shown again. Save it now.")).toBeVisible();

  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(rawKey);

  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Gone from the page for good: the raw key is not in the DOM after the modal closes.
  expect(await page.content()).not.toContain(rawKey);

  const row = page.getByTestId("key-row").filter({ hasText: "Production billing" });
  await expect(row).toContainText(rawKey.slice(0, 15));
  await expect(row).toContainText("Active");
  await expect(row).toContainText("never");

  await page.screenshot({ path: "test-results/keys-page-first-key.png", fullPage: true });

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
  await signUpInBrowser(page, uniqueEmail("reader"));
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  const search = page.getByLabel("Search keys");
  await search.fill("billing");
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await search.fill("no such key");
  await expect(page.getByTestId("key-row")).toHaveCount(0);
  await expect(page.getByText(/no keys match/i)).toBeVisible();
});

test("a member sees the keys but no create or revoke buttons", async ({ page }) => {
  await signUpInBrowser(page, uniqueEmail("member"));
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

async function signInOwner(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ownerEmail);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/keys$/);
}

test("an owner creates a scoped key with a rate limit, disables it and enables it again", async ({ page }) => {
  await signInOwner(page);

  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("Package reader");
  await dialog.getByLabel("Access", { exact: true }).selectOption("custom");
  await dialog.getByLabel("packages:read").check();
  await dialog.getByLabel("keys:read").check();
  await dialog.getByText("Advanced: not-before, IP allowlist, rate limit").click();
  await dialog.getByLabel("Rate limit").fill("0");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Enter a whole number from 1 to 1,000,000.")).toBeVisible();
  await dialog.screenshot({ path: "test-results/create-key-dialog.png" });

  await dialog.getByLabel("Rate limit").fill("120");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const rawKey = (await dialog.getByTestId("raw-key").inputValue()).trim();
  await dialog.getByRole("button", { name: "Done" }).click();

  const row = page.getByTestId("key-row").filter({ hasText: "Package reader" });
  await expect(row).toContainText("packages:read");
  await expect(row).toContainText("keys:read");
  await expect(row).toContainText("Active");
  await page.screenshot({ path: "test-results/keys-page-scopes.png", fullPage: true });

  // The key works for its scopes, over the public verify endpoint.
  const verify = (scopes: string[]) => page.request.post("/api/tokens/verify", { data: { key: rawKey, scopes } });
  const valid = await (await verify(["packages:read", "keys:read"])).json();
  expect(valid).toMatchObject({ valid: true, code: "VALID", name: "Package reader", type: "sk", ratelimit: { limit: 120 } });
  expect((await (await verify(["packages:write"])).json()).code).toBe("INSUFFICIENT_SCOPE");

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();
  await expect.poll(async () => (await (await verify([])).json()).code).toBe("DISABLED");

  await page.reload();
  const reloaded = page.getByTestId("key-row").filter({ hasText: "Package reader" });
  await expect(reloaded).toContainText("Disabled");
  await reloaded.getByRole("button", { name: "Enable" }).click();
  await expect(reloaded).toContainText("Active");
  await expect.poll(async () => (await (await verify([])).json()).code).toBe("VALID");
});

test("an owner adds a project, creates a key with a role, an expiry preset and the project, then rotates it with a grace period", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInOwner(page);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Project name").fill("Storefront");
  await page.getByRole("button", { name: "Add project" }).click();
  await expect(page.getByTestId("project-row").filter({ hasText: "Storefront" })).toBeVisible();
  await page.getByRole("link", { name: "Keys", exact: true }).click();

  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("Storefront backend");
  await dialog.getByLabel("Environment").selectOption("test");
  await dialog.getByLabel("Access", { exact: true }).selectOption("application");
  await dialog.getByLabel("Expires", { exact: true }).selectOption("30");
  await dialog.getByLabel("Project", { exact: true }).selectOption({ label: "Storefront" });
  await dialog.getByRole("button", { name: "Create key" }).click();
  const oldKey = (await dialog.getByTestId("raw-key").inputValue()).trim();
  expect(oldKey).toMatch(/^ks_test_sk_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/);
  await dialog.getByRole("button", { name: "Done" }).click();

  const row = page.getByTestId("key-row").filter({ hasText: "Storefront backend" });
  await expect(row).toContainText("application");
  await expect(row).toContainText("Storefront");
  await expect(row).toContainText(`${oldKey.slice(0, 15)}****`);
  await expect(row.getByTestId("key-type")).toHaveText("Secret");
  await expect(row).toContainText(/Expires in (30|29) days|Expires in about 1 month/);

  // The project filter narrows the table (server-side, through the URL).
  await page.getByLabel("Filter by project").selectOption({ label: "Storefront" });
  await expect(page).toHaveURL(/projectId=/);
  await expect(page.getByTestId("key-row")).toHaveCount(1);

  await row.getByRole("button", { name: "Rotate Storefront backend" }).click();
  const rotate = page.getByRole("dialog");
  await rotate.getByLabel("24 hours").check();
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  await expect(rotate.getByText("This key will not be shown again. Save it now.")).toBeVisible();
  const newKey = (await rotate.getByTestId("raw-key").inputValue()).trim();
  expect(newKey).toMatch(/^ks_test_sk_/);
  expect(newKey).not.toBe(oldKey);
  await rotate.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(newKey);
  await rotate.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await page.content()).not.toContain(newKey);

  // Both keys verify through the public endpoint during the grace period.
  const verify = async (key: string) =>
    (await (await page.request.post("/api/tokens/verify", { data: { key } })).json()) as { code: string; projectId: string | null };
  expect((await verify(oldKey)).code).toBe("VALID");
  const fresh = await verify(newKey);
  expect(fresh.code).toBe("VALID");
  expect(fresh.projectId).not.toBeNull();

  const rows = page.getByTestId("key-row").filter({ hasText: "Storefront backend" });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Rotated" })).toContainText(oldKey.slice(0, 15));
  await expect(rows.filter({ hasText: "Rotated" }).getByRole("button", { name: /Rotate/ })).toHaveCount(0);

  await page.getByLabel("Filter by project").selectOption({ label: "All projects" });
  await expect(page.getByTestId("key-row").first()).toBeVisible();
  await page.screenshot({ path: "test-results/keys-page.png", fullPage: true });
});

test("a member sees scopes and statuses but no disable or enable buttons", async ({ page }) => {
  await signUpInBrowser(page, uniqueEmail("member2"));
  await expect(page.getByTestId("key-row").filter({ hasText: "Package reader" })).toContainText("packages:read");
  await expect(page.getByRole("button", { name: "Disable" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Enable" })).toHaveCount(0);
});
