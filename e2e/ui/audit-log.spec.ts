import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// The audit log in Chromium, for an organisation of its own: entries written by real requests
// appear, filters narrow them, the CSV export downloads what is shown, and members are kept out.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Audit UI");
});

async function openAs(page: Page, token: string, path: string) {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: "ks_session", value: token, url: baseURL }]);
  await page.goto(path);
}

async function toggleSetting(page: Page, allowPrivateHosts: boolean) {
  const response = await page.request.patch("/api/registries/settings", {
    data: { allowPrivateHosts },
    headers: { "User-Agent": "audit-e2e-agent" },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("an owner sees changes as they happen, filters them and exports them as CSV", async ({ page }) => {
  await openAs(page, org.tokens.owner, "/keys");
  await toggleSetting(page, true);
  await toggleSetting(page, false);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Settings changed");
  await expect(rows.first()).toContainText(/owner-.*@audit-ui\.example\.test/);
  await expect(rows.first()).toContainText("audit-e2e-agent");

  await page.getByLabel("Area").selectOption("auth");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No events match.")).toBeVisible();
  await expect(rows).toHaveCount(0);

  await page.getByLabel("Area").selectOption("org");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(2);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keysmith-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const records = parse(readFileSync((await download.path())!), { columns: true }) as Record<string, string>[];
  expect(records.map((record) => record.action)).toEqual(["org.settings_update", "org.settings_update"]);
  expect(JSON.parse(records[0]!.details!)).toMatchObject({ allowPrivateRegistryHosts: { from: true, to: false } });
  await page.screenshot({ path: "test-results/audit-page.png", fullPage: true });
});

test("a member has no audit link and the page and API refuse them", async ({ page }) => {
  await openAs(page, org.tokens.member, "/audit");
  await expect(page.getByText("Only owners and admins can read the audit log.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toHaveCount(0);
  const response = await page.request.get("/api/audit");
  expect(response.status()).toBe(403);
  expect((await page.request.get("/api/audit/export")).status()).toBe(403);
});
