import { expect, test, type Page } from "@playwright/test";
import { createKeyInDialog, createKeyVia, openAs } from "../support/browser";
import { ageKeys, seedOrg, uiDatabaseUrl } from "../support/seeded-org";

// Issue #12: what the dashboard says after each action (one live region), where focus goes
// (never <body>), one confirmation for destructive actions, "expiring" relative to a key's
// lifetime with its banner, paging and sorting in the URL, Audit filters in the URL.

const DAY = 86_400;

/** The element that has focus, described; fails on <body>. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "body";
    return `${active.tagName.toLowerCase()}:${(active.getAttribute("aria-label") ?? active.textContent ?? "").trim()}`;
  });
}

test("a key is expiring in the last 20 % or 7 days of its lifetime; the banner counts them and shows them", async ({ page, request }) => {
  const org = await seedOrg(uiDatabaseUrl(), "Expiring");
  const cookie = org.cookies.owner;
  await createKeyVia(request, cookie, { name: "New seven-day key", expiresInDays: 7 });
  const lastDay = await createKeyVia(request, cookie, { name: "Seven-day key on its last day", expiresInDays: 7 });
  const yearEnd = await createKeyVia(request, cookie, { name: "One-year key, 5 days left", expiresInDays: 365 });
  const monthMid = await createKeyVia(request, cookie, { name: "Thirty-day key, 10 days left", expiresInDays: 30 });
  await ageKeys(uiDatabaseUrl(), [lastDay.key.id], 6 * DAY);
  await ageKeys(uiDatabaseUrl(), [yearEnd.key.id], 360 * DAY);
  await ageKeys(uiDatabaseUrl(), [monthMid.key.id], 20 * DAY);

  await openAs(page, org.tokens.owner, "/keys");
  const statusOf = (name: string) => page.getByTestId("key-row").filter({ hasText: name }).getByTestId("key-status");
  await expect(statusOf("New seven-day key")).toHaveText("Active");
  await expect(statusOf("Thirty-day key, 10 days left")).toHaveText("Active");
  await expect(statusOf("Seven-day key on its last day")).toHaveText("Expiring");
  await expect(statusOf("One-year key, 5 days left")).toHaveText("Expiring");

  const banner = page.getByTestId("expiring-banner");
  await expect(banner).toContainText("2 keys expire this week.");
  await banner.getByRole("link", { name: "Show them" }).click();
  await expect(page).toHaveURL(/\/keys\?status=expiring$/);
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await expect(page.getByTestId("keys-count")).toContainText("2 keys match");
});

test("revoke, disable and enable each say what they did, and focus stays in the key's row", async ({ page, request }) => {
  const org = await seedOrg(uiDatabaseUrl(), "Feedback");
  await createKeyVia(request, org.cookies.owner, { name: "Feedback target", expiresInDays: 30 });
  await openAs(page, org.tokens.owner, "/keys");
  const row = page.getByTestId("key-row").filter({ hasText: "Feedback target" });
  const toaster = page.getByTestId("toaster");
  await expect(toaster).toHaveAttribute("role", "status");

  await row.getByRole("button", { name: "Disable Feedback target" }).click();
  await expect(toaster).toContainText("Key Feedback target disabled.");
  await expect(row.getByTestId("key-status")).toHaveText("Disabled");
  // The same button, now "Enable", keeps focus through its request and the refresh.
  await expect.poll(() => focused(page)).toBe("button:Enable Feedback target");

  await page.keyboard.press("Enter");
  await expect(toaster).toContainText("Key Feedback target enabled.");
  await expect(row.getByTestId("key-status")).toHaveText("Active");
  await expect.poll(() => focused(page)).toBe("button:Disable Feedback target");

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Revoke Feedback target?");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(toaster).toContainText("Key Feedback target revoked.");
  await expect(row.getByTestId("key-status")).toHaveText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  // The Revoke button is gone: focus moved to a control of the same row, not to <body>.
  await expect.poll(() => focused(page)).not.toBe("body");
  expect(await page.evaluate(() => document.activeElement?.closest("[data-testid=key-row]")?.textContent ?? "")).toContain(
    "Feedback target",
  );
});

test("the first key's one-time modal closes to a control, not <body>", async ({ page }) => {
  const org = await seedOrg(uiDatabaseUrl(), "First key");
  await openAs(page, org.tokens.owner, "/keys");
  await expect(page.getByText("No API keys yet")).toBeVisible();
  const { dialog } = await createKeyInDialog(page, "The very first");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await expect.poll(() => focused(page)).toBe("button:Create key");
});

test("deleting a project asks first (Cancel keeps it); deleting it says so and focus lands on a control", async ({ page, request }) => {
  const org = await seedOrg(uiDatabaseUrl(), "Projects");
  for (const name of ["Storefront", "Warehouse"]) {
    const created = await request.post("/api/projects", { headers: { cookie: org.cookies.owner }, data: { name } });
    expect(created.status(), await created.text()).toBe(201);
  }
  await openAs(page, org.tokens.owner, "/settings");
  const row = page.getByTestId("project-row").filter({ hasText: "Storefront" });
  await row.getByRole("button", { name: "Delete Storefront" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Delete Storefront?");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: "Delete Storefront" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("toaster")).toContainText("Project Storefront deleted.");
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("project-row")).toHaveCount(1);
  await expect.poll(() => focused(page)).not.toBe("body");
});

test("rows per page, jump to a page and sorting by expiry live in the URL", async ({ page, request }) => {
  const org = await seedOrg(uiDatabaseUrl(), "Paging");
  const lifetimes = [7, 30, 60, 90, 365];
  for (let i = 0; i < 23; i++) {
    await createKeyVia(request, org.cookies.owner, { name: `Paged key ${String(i).padStart(2, "0")}`, expiresInDays: lifetimes[i % 5] });
  }
  await openAs(page, org.tokens.owner, "/keys");
  await expect(page.getByTestId("keys-count")).toHaveText("23 keys · page 1 of 1");

  await page.getByLabel("Rows per page").selectOption("10");
  await expect(page).toHaveURL(/[?&]pageSize=10\b/);
  await expect(page.getByTestId("keys-count")).toHaveText("23 keys · page 1 of 3");
  await expect(page.getByTestId("key-row")).toHaveCount(10);

  await page.getByLabel("Page", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(page).toHaveURL(/[?&]page=3\b/);
  await expect(page.getByTestId("keys-count")).toHaveText("23 keys · page 3 of 3");
  await expect(page.getByTestId("key-row")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();

  // Sorted by expiry, soonest first: the first page holds the 7-day keys (5 of them), then 30-day ones.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page
    .getByRole("columnheader", { name: /Expires/ })
    .getByRole("button")
    .click();
  await expect(page).toHaveURL(/[?&]sort=expiresAt\b/);
  await expect(page).toHaveURL(/[?&]order=asc\b/);
  await expect(page.getByTestId("keys-count")).toHaveText("23 keys · page 1 of 3");
  const names = await page.getByTestId("key-row").locator("td:first-child").allInnerTexts();
  const sevenDay = ["00", "05", "10", "15", "20"].map((n) => `Paged key ${n}`);
  for (const name of sevenDay) expect(names.slice(0, 5).join("\n")).toContain(name);

  await page.reload();
  await expect(page.getByLabel("Rows per page")).toHaveValue("10");
  await expect(page.getByTestId("keys-count")).toHaveText("23 keys · page 1 of 3");
});

test("Audit filters live in the URL: a shared link opens filtered, applying filters updates it", async ({ page, request }) => {
  const org = await seedOrg(uiDatabaseUrl(), "Audit URL");
  await createKeyVia(request, org.cookies.owner, { name: "Audited key" });
  const project = await request.post("/api/projects", { headers: { cookie: org.cookies.owner }, data: { name: "Audited project" } });
  expect(project.status()).toBe(201);

  await openAs(page, org.tokens.owner, "/audit?area=project");
  await expect(page.getByLabel("Area")).toHaveValue("project");
  await expect(page.getByText("Showing 1 event, newest first.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("Audited project");
  await expect(page.getByRole("region", { name: "Audit events" })).not.toContainText("Audited key");

  await page.getByLabel("Area").selectOption("key");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/audit\?area=key$/);
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("Audited key");
  await page.reload();
  await expect(page.getByLabel("Area")).toHaveValue("key");
  await expect(page.getByRole("region", { name: "Audit events" })).not.toContainText("Audited project");
});
