import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { collectBrowserErrors, openAs } from "../support/browser";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";
import { checksumOf } from "../../lib/keys/format";

// Issue #15, items 1 and 2 in Chromium: a key with 3 usage credits is verified 4 times over HTTP
// (the 4th answers USAGE_EXCEEDED), the key page shows what is left, and its Requests tab lists the
// attempts with their address, filters by code in the URL and downloads the same rows as CSV.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
let keyPath = "";
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Credits");
});

test("a key created with 3 credits answers USAGE_EXCEEDED at the 4th verification; the page shows 0 left, and an edit sets more", async ({
  page,
}) => {
  const errors = collectBrowserErrors(page);
  await openAs(page, org.tokens.owner, "/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: false }).first().fill("Metered");
  await dialog.getByText("Advanced: not-before, IP allowlist, rate limit").click();
  await dialog.getByLabel("Usage credits").fill("3");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const shown = dialog.getByTestId("raw-key");
  await expect(shown).toBeVisible();
  const rawKey = (await shown.inputValue().catch(() => shown.innerText())).trim();

  const answers = [];
  for (let i = 0; i < 4; i++) {
    const response = await page.request.post("/api/tokens/verify", {
      headers: { "user-agent": "metered-client/2.1" },
      data: { key: rawKey },
    });
    answers.push(await response.json());
  }
  expect(answers.map((answer) => [answer.code, answer.remaining])).toEqual([
    ["VALID", 2],
    ["VALID", 1],
    ["VALID", 0],
    ["USAGE_EXCEEDED", 0],
  ]);
  // A wrong secret for the same key id: the owner sees it in the key's requests.
  const wrongBody = `${rawKey.slice(0, 24)}${"A".repeat(43)}`;
  const wrong = await page.request.post("/api/tokens/verify", {
    headers: { "user-agent": "guessing-bot/0.1" },
    data: { key: wrongBody + checksumOf(wrongBody) },
  });
  expect((await wrong.json()).code).toBe("NOT_FOUND");

  await page.keyboard.press("Escape");
  const row = page.getByTestId("key-row").filter({ hasText: "Metered" });
  await page.reload();
  await row.getByRole("link", { name: "Metered" }).click();
  await expect(page.getByRole("heading", { name: "Metered", level: 1 })).toBeVisible();
  keyPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("key-credits-remaining")).toHaveText("0");

  await page.getByRole("button", { name: "Edit Metered" }).click();
  const edit = page.getByRole("dialog");
  await edit.getByLabel("Usage credits").fill("10");
  await edit.getByLabel("Refill", { exact: true }).selectOption("daily");
  await edit.getByLabel("Refill to").fill("10");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByTestId("key-credits-remaining")).toHaveText("10");
  await expect(page.getByTestId("key-fields")).toContainText("Refills to 10 every day (UTC)");
  const again = await page.request.post("/api/tokens/verify", { data: { key: rawKey, cost: 4 } });
  expect(await again.json()).toMatchObject({ code: "VALID", remaining: 6 });
  expect(errors).toEqual([]);
});

test("the Requests tab lists the attempts with their address, filters by code in the URL and downloads them as CSV", async ({ page }) => {
  const errors = collectBrowserErrors(page);
  await openAs(page, org.tokens.owner, keyPath);
  await page.getByRole("link", { name: "Requests" }).last().click();
  await expect(page).toHaveURL(/tab=requests/);
  const rows = page.getByTestId("request-row");
  // Rows are written within about a second: wait for them.
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: "USAGE_EXCEEDED" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const validRows = rows.filter({ has: page.getByText("VALID", { exact: true }) }).filter({ hasText: "metered-client/2.1" });
  await expect(validRows).not.toHaveCount(0);
  // Identical verifications within a second are one row marked "×N": the three valid ones add up to three.
  const counts = await validRows.evaluateAll((elements) =>
    elements.map((element) => Number(element.querySelector('[data-testid="request-count"]')?.textContent?.replace(/[×,]/g, "") ?? "1")),
  );
  expect(counts.reduce((sum, count) => sum + count, 0)).toBe(3);
  await expect(rows.filter({ hasText: "guessing-bot/0.1" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "USAGE_EXCEEDED" })).toContainText(/127\.0\.0\.1|::1/);

  await page.getByLabel("Code").selectOption("USAGE_EXCEEDED");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/code=USAGE_EXCEEDED/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("metered-client/2.1");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("time,code,key_id,key_name,ip,user_agent,scopes,latency_ms,cost,count");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(",USAGE_EXCEEDED,");
  expect(lines[1]).toMatch(/,1$/);
  expect(lines[1]).toContain("metered-client/2.1");

  // The organisation's view has the same requests.
  await page.goto("/requests?code=USAGE_EXCEEDED");
  await expect(page.getByTestId("request-row").filter({ hasText: "Metered" })).toHaveCount(1);
  await page.screenshot({ path: "test-results/requests-page.png", fullPage: true });
  expect(errors).toEqual([]);
});
