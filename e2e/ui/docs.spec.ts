import { expect, test } from "@playwright/test";
import { seedOrg, uiDatabaseUrl } from "../support/seeded-org";

// The API reference page: reached from the nav, lists every area of the generated document,
// and its curl examples copy exactly what is shown — with a placeholder, never a real key.
const REAL_KEY = /ks_(live|test)_(sk|pk)_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}/;

test("a member reads the API reference and copies a curl example", async ({ page, context, baseURL, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const org = await seedOrg(uiDatabaseUrl(), "Docs UI");
  await context.addCookies([{ name: "ks_session", value: org.tokens.member, url: baseURL! }]);

  await page.goto("/keys");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API docs" }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Key format" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Authentication" })).toBeVisible();
  // The document's Markdown code marks render as code, never as raw backticks (the examples in <pre> aside).
  await expect(page.getByRole("region", { name: "Key format" }).locator("code", { hasText: "[A-Za-z0-9_]" })).toBeVisible();
  const prose = await page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("pre").forEach((block) => block.remove());
    return copy.textContent ?? "";
  });
  expect(prose).not.toContain("`");

  const document = await (await request.get("/api/openapi.json")).json();
  for (const tag of document.tags as { name: string }[]) {
    await expect(page.getByRole("heading", { level: 2, name: tag.name, exact: true })).toBeVisible();
  }
  // "On this page" jumps to each area; the heading lands in view, below the sticky header.
  const toc = page.getByRole("navigation", { name: "On this page" });
  await expect(toc.getByRole("link")).toHaveCount(document.tags.length + 2);
  await toc.getByRole("link", { name: /^Audit \d+ endpoints?$/ }).click();
  await expect(page).toHaveURL(/#tag-audit$/);
  const audit = page.getByRole("heading", { level: 2, name: "Audit", exact: true });
  await expect(audit).toBeInViewport();
  const header = (await page.locator("header").boundingBox())!;
  expect((await audit.boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);
  await page.evaluate(() => window.scrollTo(0, 0));

  const operations = Object.values(document.paths as Record<string, object>).reduce(
    (count: number, item) => count + Object.keys(item).length,
    0,
  );
  await expect(page.getByRole("article")).toHaveCount(operations);

  const create = page.getByRole("article", { name: "POST /api/tokens", exact: true });
  await expect(create).toContainText("Create a key");
  const shown = await create.getByLabel("curl example for POST /api/tokens", { exact: true }).innerText();
  await create.getByRole("button", { name: "Copy curl example for POST /api/tokens" }).click();
  await expect(create.getByRole("button", { name: "Copy curl example for POST /api/tokens" })).toContainText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown.trim());
  expect(copied).toContain(`curl -X POST '${baseURL}/api/tokens'`);
  expect(copied).toContain('-H "Authorization: Bearer ks_live_…"');
  expect(copied).toContain(
    `-d '{"name":"Deploy bot","type":"sk","environment":"live","role":"reader","expiresInDays":90,"allowedIps":["203.0.113.0/24"],"rateLimitPerMinute":300}'`,
  );

  const resolve = page.getByRole("article", { name: "GET /api/registries/resolve", exact: true });
  await expect(resolve.getByLabel("curl example for GET /api/registries/resolve", { exact: true })).toContainText(
    "?package=%40company%2Fpkg",
  );

  expect(await page.content()).not.toMatch(REAL_KEY);
  await page.screenshot({ path: "test-results/docs-page.png", fullPage: true });
});
