import { expect, test, type Page } from "@playwright/test";
import { createKeyVia, openAs } from "../support/browser";
import { axeViolations, hiddenRowActions, overflowProblems, PAGES, settle, WIDTHS } from "../support/layout-checks";
import { ageKeys, seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// Every dashboard page at six widths: nothing spills out of its box, the page never scrolls
// sideways, every row action is in view; axe-core finds nothing, light and dark, pages and dialogs.
// Screenshots of every page at 1440 and 390 px, light and dark, land in test-results/screens/.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
let keyId = "";
test.beforeAll(async ({ request }) => {
  org = await seedOrg(uiDatabaseUrl(), "Layout");
  const cookie = org.cookies.owner;
  const long = "Billing reconciliation worker, European production cluster";
  const created = await createKeyVia(request, cookie, {
    name: long,
    scopes: ["packages:read", "packages:write", "registries:read"],
    allowedIps: ["203.0.113.0/24"],
  });
  keyId = created.key.id;
  // Requests for the Requests page: a long user agent and a refusal among them.
  const agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) BillingWorker/4.2.1 Chrome/156.0 Safari/537.36";
  await request.post("/api/tokens/verify", { headers: { "user-agent": agent }, data: { key: created.rawKey, scopes: ["packages:read"] } });
  await request.post("/api/tokens/verify", { headers: { "user-agent": agent }, data: { key: created.rawKey, scopes: ["admin:read"] } });
  await expect
    .poll(async () => (await (await request.get("/api/verifications", { headers: { cookie } })).json()).data?.length ?? 0)
    .toBe(2);
  await request.patch(`/api/tokens/${keyId}`, {
    headers: { cookie },
    data: { description: "Reconciles invoices nightly.", externalId: "cus_000123", meta: { plan: "enterprise" } },
  });
  const sevenDay = await createKeyVia(request, cookie, { name: "Seven-day deploy key", role: "reader", expiresInDays: 7 });
  // Its last day: "Expiring", and the keys page shows its banner.
  await ageKeys(uiDatabaseUrl(), [sevenDay.key.id], 6 * 86_400);
  await createKeyVia(request, cookie, { name: "Browser widget", type: "pk", role: "executor", expiresInDays: 30 });
  const disabled = await createKeyVia(request, cookie, { name: "Paused integration", role: "developer", expiresInDays: 90 });
  await request.patch(`/api/tokens/${disabled.key.id}`, { headers: { cookie }, data: { disabled: true } });
  const revoked = await createKeyVia(request, cookie, { name: "Old CI key", role: "reader", expiresInDays: 90 });
  await request.delete(`/api/tokens/${revoked.key.id}`, { headers: { cookie } });
  for (let i = 0; i < 8; i++)
    await createKeyVia(request, cookie, { name: `Service ${i} ${"x".repeat(i * 6)}`, role: "application", expiresInDays: 365 });
});

const pathOf = (template: string) => template.replace(":key", keyId);

async function visit(page: Page, path: string, width: number, scheme: "light" | "dark" = "light") {
  await page.setViewportSize({ width, height: 900 });
  // No animations: axe would measure colours halfway through a dialog's fade-in.
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  await openAs(page, org.tokens.owner, path);
  await settle(page);
}

for (const width of WIDTHS) {
  test(`every page fits at ${width} px, and every row action is in view`, async ({ page }) => {
    const found: string[] = [];
    for (const template of PAGES) {
      await visit(page, pathOf(template), width);
      for (const problem of [...(await overflowProblems(page)), ...(await hiddenRowActions(page))]) found.push(`${template}: ${problem}`);
    }
    expect(found, `at ${width}px`).toEqual([]);
  });

  test(`the key dialogs fit at ${width} px`, async ({ page }) => {
    await visit(page, "/keys", width);
    await page.getByRole("button", { name: "Create key" }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await overflowProblems(page, "[role=dialog]"), `create at ${width}px`).toEqual([]);
    await page.keyboard.press("Escape");
    const row = page
      .getByTestId("key-row")
      .filter({ has: page.getByRole("button", { name: /^Revoke/ }) })
      .first();
    await row.getByRole("button", { name: /^Edit / }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await overflowProblems(page, "[role=dialog]"), `edit at ${width}px`).toEqual([]);
    await page.keyboard.press("Escape");
    await row.getByRole("button", { name: /^Revoke/ }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    expect(await overflowProblems(page, "[role=alertdialog]"), `revoke at ${width}px`).toEqual([]);
    await page.keyboard.press("Escape");
  });
}

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds nothing on any page or dialog (${scheme})`, async ({ page }) => {
    const found: string[] = [];
    for (const template of PAGES) {
      await visit(page, pathOf(template), 1440, scheme);
      for (const violation of await axeViolations(page)) found.push(`${template}: ${violation}`);
    }
    await visit(page, "/keys", 1440, scheme);
    await page.getByRole("button", { name: "Create key" }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    for (const violation of await axeViolations(page, "[role=dialog]")) found.push(`create dialog: ${violation}`);
    await page.getByRole("dialog").getByLabel("Name", { exact: false }).first().fill(`axe ${scheme}`);
    await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
    await expect(page.getByTestId("raw-key")).toBeVisible();
    await page.getByTestId("use-key-panel").locator("summary").click();
    for (const violation of await axeViolations(page, "[role=dialog]")) found.push(`one-time key dialog: ${violation}`);
    await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    // The list refreshes after Done: edit the new key once its row is there.
    await page.getByRole("button", { name: `Edit axe ${scheme}` }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    for (const violation of await axeViolations(page, "[role=dialog]")) found.push(`edit dialog: ${violation}`);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    // A toast in the live region, then the one confirm dialog.
    const created = page.getByTestId("key-row").filter({ hasText: `axe ${scheme}` });
    await created.getByRole("button", { name: `Disable axe ${scheme}` }).click();
    await expect(page.getByTestId("toast").first()).toBeVisible();
    // The action refreshes the page's server components; while Next.js streams them the document's
    // <title> is briefly empty (axe's document-title). Check the page once the refresh has landed.
    await expect(created.getByRole("button", { name: `Enable axe ${scheme}` })).toBeVisible();
    await expect(page).toHaveTitle(/\S/);
    await expect(page.getByTestId("toast").first()).toBeVisible();
    for (const violation of await axeViolations(page)) found.push(`keys page with a toast: ${violation}`);
    await created.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    for (const violation of await axeViolations(page, "[role=alertdialog]")) found.push(`confirm dialog: ${violation}`);
    await page.keyboard.press("Escape");
    expect(found).toEqual([]);
  });
}

test("every control shows a visible 2 px focus ring, and the first Tab reaches the skip link", async ({ page }) => {
  const found: string[] = [];
  for (const template of PAGES) {
    await visit(page, pathOf(template), 1440);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    // The first 40 stops of the keyboard path of each page.
    for (let stop = 0; stop < 40; stop++) {
      const ring = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        // Past the page's last stop focus leaves the document (to the browser's own controls).
        if (!el || el === document.body || !document.hasFocus()) return null;
        const style = getComputedStyle(el);
        // rgba(r, g, b, a) or oklch(l c h / a): a translucent ring is not a visible one.
        const alpha = (/rgba\([^)]*,\s*([\d.]+)\)$/.exec(style.outlineColor) ?? /\/\s*([\d.]+)\)$/.exec(style.outlineColor))?.[1];
        const visible =
          style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && (alpha === undefined || Number(alpha) >= 0.9);
        const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}"`;
        return {
          visible,
          name,
          outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; focus-visible: ${el.matches(":focus-visible")}; ${el.outerHTML.slice(0, 160)}`,
        };
      });
      if (ring === null) break;
      if (!ring.visible) found.push(`${template}: ${ring.name} (${ring.outline})`);
      await page.keyboard.press("Tab");
    }
  }
  expect(found).toEqual([]);
});

test("screenshots of every page at 1440 and 390 px, light and dark", async ({ page }) => {
  for (const width of [1440, 390]) {
    for (const scheme of ["light", "dark"] as const) {
      for (const template of PAGES) {
        await visit(page, pathOf(template), width, scheme);
        const name = template === "/keys/:key" ? "key-detail" : template.slice(1);
        await page.screenshot({ path: `test-results/screens/${name}-${width}-${scheme}.png`, fullPage: true });
      }
    }
  }
});
