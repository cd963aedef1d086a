import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { collectBrowserErrors, createKeyVia, openAs, todayUtc, verifyTimes } from "../support/browser";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// The key detail page in Chromium: fields, a usage chart fed by real verifications, rotation
// history and the key's audit entries; actions for owners; a 404 for keys out of reach.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
let otherOrg: SeededOrg;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Key detail");
  otherOrg = await seedOrg(uiDatabaseUrl(), "Key detail other");
});

test("the detail page shows the key, today's verifications in the chart, and its history", async ({ page }) => {
  const errors = collectBrowserErrors(page);
  await openAs(page, org.tokens.owner, "/keys");
  const { key, rawKey } = await createKeyVia(page.request, org.cookies.owner, {
    name: "Detail e2e",
    scopes: ["packages:read"],
    rateLimitPerMinute: 120,
  });

  const N = 7;
  await verifyTimes(page.request, rawKey, N);
  // The server writes usage once a second.
  await expect
    .poll(async () => (await (await page.request.get(`/api/tokens/${key.id}/usage?days=1`)).json()).days, { timeout: 10_000 })
    .toEqual([{ day: todayUtc(), count: N }]);

  await page.reload();
  await page.getByTestId("key-row").filter({ hasText: "Detail e2e" }).getByRole("link", { name: "Detail e2e" }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${key.id}$`));
  await expect(page.getByRole("heading", { name: "Detail e2e", level: 1 })).toBeVisible();
  await expect(page.getByTestId("key-status")).toHaveText("Active");

  const fields = page.getByTestId("key-fields");
  await expect(fields).toContainText(key.prefix);
  await expect(fields).toContainText("packages:read");
  await expect(fields).toContainText("120 verifications per minute");
  await expect(fields).toContainText(/owner-.*@key-detail\.example\.test/);
  await expect(fields).toContainText(`${N} successful verifications in total`);

  const chart = page.getByTestId("usage-chart");
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle path, path.recharts-rectangle").first()).toBeVisible();
  await expect(chart.locator("text.recharts-cartesian-axis-tick-value").first()).toBeVisible();
  await expect(chart.getByTestId("usage-table").locator("tbody tr")).toHaveCount(30);
  await expect(chart.locator(`tr[data-day="${todayUtc()}"] [data-testid="usage-count"]`)).toHaveText(String(N));
  await expect(page.getByTestId("usage-summary")).toContainText(`${N} today`);

  await expect(page.getByTestId("rotations-empty")).toBeVisible();
  const auditRows = page.getByTestId("key-audit-row");
  await expect(auditRows).toHaveCount(1);
  await expect(auditRows.first()).toContainText("Key created");
  await expect(auditRows.first()).toContainText(/owner-.*@key-detail\.example\.test/);

  await page.screenshot({ path: "test-results/key-detail-page.png", fullPage: true });

  // Owners act on the key from here with the table's controls.
  await page.getByRole("button", { name: "Disable Detail e2e" }).click();
  await expect(page.getByTestId("key-status")).toHaveText("Disabled");
  await expect(page.getByTestId("key-fields")).toContainText("Disabled");
  await page.getByRole("button", { name: "Enable Detail e2e" }).click();
  await expect(page.getByTestId("key-status")).toHaveText("Active");
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("key-status")).toHaveText("Revoked");
  await expect(page.getByTestId("key-actions")).toHaveCount(0);
  // Each change was recorded with the key as its target, newest first.
  await expect(auditRows).toHaveText([/Key revoked/, /Key enabled/, /Key disabled/, /Key created/]);

  expect(errors).toEqual([]);
});

test("rotation history links the old key and the new one both ways", async ({ page }) => {
  await openAs(page, org.tokens.owner, "/keys");
  const old = await createKeyVia(page.request, org.cookies.owner, { name: "Rolled service" });
  const rotate = await page.request.post(`/api/tokens/${old.key.id}/rotate`, {
    headers: { cookie: org.cookies.owner },
    data: { grace: "24h" },
  });
  expect(rotate.status(), await rotate.text()).toBe(201);
  const successor = (await rotate.json()) as { key: { id: string } };

  await page.goto(`/keys/${old.key.id}`);
  await expect(page.getByTestId("key-fields")).toContainText("Replaced by");
  const toNew = page.getByTestId("rotation");
  await expect(toNew).toHaveCount(1);
  await expect(toNew).toContainText("Rotated to →");
  await expect(toNew).toContainText("24 hours grace");
  await toNew.getByRole("link", { name: "Rolled service" }).click();

  await expect(page).toHaveURL(new RegExp(`/keys/${successor.key.id}$`));
  await expect(page.getByRole("heading", { name: "Rolled service", level: 1 })).toBeVisible();
  const fromOld = page.getByTestId("rotation");
  await expect(fromOld).toContainText("Rotated from ←");
  await expect(fromOld.getByRole("link", { name: "Rolled service" })).toHaveAttribute("href", `/keys/${old.key.id}`);
  await expect(page.getByTestId("key-audit-row").filter({ hasText: "Key created" })).toHaveCount(1);
});

test("unknown ids and other organisations' keys answer the 404 page", async ({ page }) => {
  await openAs(page, otherOrg.tokens.owner, "/keys");
  const foreign = await createKeyVia(page.request, otherOrg.cookies.owner, { name: "Not yours" });
  await page.context().clearCookies();

  for (const id of [foreign.key.id, randomUUID(), "not-a-key"]) {
    const response = await openAs(page, org.tokens.owner, `/keys/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Key not found" })).toBeVisible();
    await expect(page.getByText("Not yours")).toHaveCount(0);
  }
  const api = await page.request.get(`/api/tokens/${foreign.key.id}`);
  expect(api.status()).toBe(404);
  expect((await page.request.get(`/api/tokens/${foreign.key.id}/usage`)).status()).toBe(404);
});

test("a member sees the key and its usage but no actions and no audit trail", async ({ page }) => {
  await openAs(page, org.tokens.owner, "/keys");
  const { key } = await createKeyVia(page.request, org.cookies.owner, { name: "Members look" });
  await page.context().clearCookies();

  await openAs(page, org.tokens.member, `/keys/${key.id}`);
  await expect(page.getByRole("heading", { name: "Members look", level: 1 })).toBeVisible();
  await expect(page.getByTestId("usage-chart").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("key-actions")).toHaveCount(0);
  await expect(page.getByText("Only owners and admins can read the audit log.")).toBeVisible();
  const usage = await page.request.get(`/api/tokens/${key.id}/usage`);
  expect(usage.status()).toBe(200);
  expect((await usage.json()).days).toHaveLength(30);
});
