import { expect, test } from "@playwright/test";
import { collectBrowserErrors, createKeyVia, openAs, verifyTimes } from "../support/browser";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// The organisation's usage in Chromium: totals, the chart and the top keys after real
// verifications, for an owner; a polite refusal for members.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Usage UI");
});

test("an owner sees totals, verifications per day, top keys and usage per member", async ({ page }) => {
  const errors = collectBrowserErrors(page);
  await openAs(page, org.tokens.owner, "/keys");
  const busy = await createKeyVia(page.request, org.cookies.owner, { name: "Busy service" });
  const quiet = await createKeyVia(page.request, org.cookies.owner, { name: "Quiet service" });
  await createKeyVia(page.request, org.cookies.owner, { name: "Idle service" });
  await verifyTimes(page.request, busy.rawKey, 4);
  await verifyTimes(page.request, quiet.rawKey, 2);
  await expect
    .poll(async () => (await (await page.request.get("/api/usage?days=30")).json()).totals, { timeout: 10_000 })
    .toEqual({ keys: 3, activeKeys: 3, verifications: 6 });

  await page.reload();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(page.getByTestId("total-verifications")).toHaveText("6");
  await expect(page.getByTestId("total-active-keys")).toHaveText("3");
  await expect(page.getByTestId("total-keys")).toHaveText("3");

  const chart = page.getByTestId("usage-chart");
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  await expect(chart.locator("path.recharts-rectangle").first()).toBeVisible();
  await expect(chart.getByTestId("usage-table").locator("tbody tr")).toHaveCount(30);
  await expect(chart.locator(`tr[data-day="${new Date().toISOString().slice(0, 10)}"] [data-testid="usage-count"]`)).toHaveText("6");

  const top = page.getByTestId("top-key");
  await expect(top).toHaveCount(2);
  await expect(top.nth(0)).toContainText("Busy service");
  await expect(top.nth(0).getByTestId("top-key-count")).toHaveText("4");
  await expect(top.nth(1)).toContainText("Quiet service");
  await expect(top.nth(1).getByTestId("top-key-count")).toHaveText("2");

  const members = page.getByTestId("member-usage");
  await expect(members).toHaveCount(1);
  await expect(members.first()).toContainText(/owner-.*@usage-ui\.example\.test/);
  await expect(members.first()).toContainText("6");

  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/\/usage\?days=7$/);
  await expect(page.getByTestId("usage-chart").getByTestId("usage-table").locator("tbody tr")).toHaveCount(7);
  await page.getByRole("link", { name: "30 days" }).click();
  await expect(page.getByTestId("usage-chart").getByTestId("usage-table").locator("tbody tr")).toHaveCount(30);
  await page.screenshot({ path: "test-results/usage-page.png", fullPage: true });

  await top.nth(0).getByRole("link", { name: "Busy service" }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${busy.key.id}$`));
  await expect(page.getByTestId("usage-summary")).toContainText("4 today");
  expect(errors).toEqual([]);
});

test("a member has no usage link, gets a polite callout and a 403 from the API", async ({ page }) => {
  await openAs(page, org.tokens.member, "/usage");
  await expect(page.getByText("Only owners and admins can see the organisation's usage.")).toBeVisible();
  await expect(page.getByTestId("usage-chart")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" })).toHaveCount(0);
  const response = await page.request.get("/api/usage");
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toBe("Your role (member) does not allow this: it needs usage:read.");
});
