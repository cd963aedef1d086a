import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { startRegistryServer, type RegistryServer } from "../../tests/support/registry-server";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// The registries page in Chromium, for an owner of an organisation of its own. Registries
// are discovered from a real HTTP server this spec starts on loopback, which the Keysmith
// server reaches only once the private-host setting is on.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
let server: RegistryServer;
const COMPANY_KEY = "prmd_e2e_company_secret_0123456789wxyz";

test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Registries UI");
  server = await startRegistryServer();
  server.serveDocument("company", {
    name: "Company Private",
    version: "3.0.0",
    api_base: "/api",
    endpoints: {
      tokens: { list: "GET /api/tokens", create: "POST /api/tokens", revoke: "DELETE /api/tokens/{id}" },
      verify: "POST /api/tokens/verify",
    },
    auth: { schemes: [{ type: "bearer" }, { type: "api_key", header: "X-API-Key" }] },
  });
  server.serveDocument("mirror", { name: "Internal Mirror", api_base: "https://mirror.internal.example/api" });
});

test.afterAll(async () => {
  await server?.close();
});

// Every step must work under the Content-Security-Policy (the export downloads a blob: URL).
const cspViolations: string[] = [];
test.afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

async function openAsOwner(page: Page) {
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: "ks_session", value: org.tokens.owner, url: baseURL }]);
  await page.goto("/registries");
  await expect(page.getByRole("heading", { name: "Registries", level: 1 })).toBeVisible();
}

const rows = (page: Page) => page.getByTestId("registry-row");
const rowNames = (page: Page) => page.getByTestId("registry-name").allInnerTexts();

async function addRegistry(page: Page, url: string, details: { scopes?: string; apiKey?: string } = {}) {
  await page.getByRole("button", { name: "Add registry" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Registry URL").fill(url);
  await dialog.getByRole("button", { name: "Discover" }).click();
  await expect(dialog.getByTestId("discovery-result")).toBeVisible();
  if (details.scopes) await dialog.getByLabel("Scopes").fill(details.scopes);
  if (details.apiKey) await dialog.getByLabel("API key").fill(details.apiKey);
  await dialog.getByRole("button", { name: "Save registry" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
}

test("an owner adds registries through discovery, with errors shown inline", async ({ page }) => {
  await openAsOwner(page);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("npm public registry");
  await expect(rows(page).first().getByTestId("default-badge")).toBeVisible();

  // Loopback is a private address: refused until the setting allows it.
  await page.getByRole("button", { name: "Add registry" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Registry URL").fill(`${server.url}/company`);
  await dialog.getByRole("button", { name: "Discover" }).click();
  await expect(dialog.getByText(/Private network hosts are off for this organisation/)).toBeVisible();
  await expect(dialog.getByLabel("Registry URL")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Close" }).click();

  const toggle = page.getByRole("switch", { name: "Registries on private networks" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  const saved = page.waitForResponse((response) => response.url().endsWith("/api/registries/settings") && response.ok());
  await toggle.click();
  await saved;
  await expect(toggle).toHaveAttribute("aria-checked", "true");

  // A bad document: a clear error, and nothing saved.
  await page.getByRole("button", { name: "Add registry" }).click();
  await dialog.getByLabel("Registry URL").fill(`${server.url}/malformed`);
  await dialog.getByRole("button", { name: "Discover" }).click();
  await expect(dialog.getByText("/.well-known/registry.json from", { exact: false })).toContainText("is not valid JSON");

  // The good one: what was found, then credentials and scopes.
  await dialog.getByLabel("Registry URL").fill(`${server.url}/company`);
  await dialog.getByRole("button", { name: "Discover" }).click();
  const found = dialog.getByTestId("discovery-result");
  await expect(found).toContainText("Company Private");
  await expect(found).toContainText("v3.0.0");
  await expect(found).toContainText(`${server.url}/api`);
  await expect(found).toContainText("POST /api/tokens");
  await expect(found).toContainText("DELETE /api/tokens/{id}");
  await expect(found).toContainText("POST /api/tokens/verify");
  await dialog.getByLabel("Scopes").fill("@company");
  await dialog.getByLabel("API key").fill(COMPANY_KEY);
  await dialog.getByRole("button", { name: "Save registry" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const company = rows(page).filter({ hasText: "Company Private" });
  await expect(company).toContainText("@company");
  await expect(company.getByTestId("key-mask")).toHaveText("prmd_****wxyz");
  expect(await page.content()).not.toContain(COMPANY_KEY);

  await addRegistry(page, `${server.url}/mirror`);
  await expect.poll(() => rowNames(page)).toEqual(["npm public registry", "Company Private", "Internal Mirror"]);
});

test("reorders with the keyboard, and the order is stored", async ({ page }) => {
  await openAsOwner(page);
  const up = page.getByRole("button", { name: "Move Internal Mirror up" });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => rowNames(page)).toEqual(["npm public registry", "Internal Mirror", "Company Private"]);
  // Focus stays on the moved registry, so the next press moves it again.
  await expect(up).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => rowNames(page)).toEqual(["Internal Mirror", "npm public registry", "Company Private"]);
  await expect(page.getByText("Internal Mirror moved to position 1 of 3.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Move Internal Mirror down" })).toBeFocused();

  await page.reload();
  await expect.poll(() => rowNames(page)).toEqual(["Internal Mirror", "npm public registry", "Company Private"]);
});

test("answers which registry serves a package, and why", async ({ page }) => {
  await openAsOwner(page);
  const packageInput = page.getByRole("textbox", { name: "Package" });
  const result = page.getByTestId("resolution");

  await packageInput.fill("Not A Package!");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("That is not a package name: use name or @scope/name.")).toBeVisible();

  await packageInput.fill("left-pad");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(result).toContainText("Served by Internal Mirror");
  await expect(result).toContainText("first registry in priority order");

  await packageInput.fill("@company/ui-kit");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(result).toContainText("Served by Company Private");
  await expect(result).toContainText("@company/ui-kit is in the scope @company, which Company Private serves.");

  // Scrolled to the top, so the sticky header sits where it belongs in the full-page image.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/registries-page.png", fullPage: true });
});

test("exports config.yaml with the keys and a freshly minted Keysmith key", async ({ page }) => {
  await openAsOwner(page);
  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Include the upstream API keys").check();
  await dialog.getByLabel("Mint a fresh Keysmith key into the file").check();
  await dialog.getByLabel("Use it as the api_key of").selectOption({ label: "Internal Mirror" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Download config.yaml" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("config.yaml");
  const content = readFileSync((await download.path())!, "utf8");

  const config = parse(content) as { registries: Record<string, unknown>[] };
  expect(config.registries).toEqual([
    {
      name: "Internal Mirror",
      url: `${server.url}/mirror`,
      api_key: expect.stringMatching(/^ks_live_sk_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/),
    },
    { name: "npm public registry", url: "https://registry.npmjs.org", default: true },
    { name: "Company Private", url: `${server.url}/company`, api_key: COMPANY_KEY, scopes: ["@company"] },
  ]);
  expect(content).toContain('scopes: ["@company"]');
  const minted = config.registries[0]!.api_key as string;

  // The dialog names the key by its prefix only; the key itself is only in the file.
  await expect(dialog.getByText("The new key is only in that file.")).toBeVisible();
  await expect(dialog).toContainText(minted.slice(0, 15));
  expect(await page.content()).not.toContain(minted);
  await dialog.getByRole("button", { name: "Done" }).click();

  await page.goto("/keys");
  await expect(page.getByTestId("key-row").filter({ hasText: "config.yaml: Internal Mirror" })).toContainText(minted.slice(0, 15));
});

test("imports a config.yaml, and shows line-specific errors for a bad one", async ({ page }) => {
  await openAsOwner(page);
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog");
  const bad = [
    "registries:",
    "  - name: Broken",
    "    url: ftp://files.example",
    "  - name: Typo",
    "    url: https://typo.example",
    "    scope: ['@x']",
  ].join("\n");
  await dialog.getByLabel("File").setInputFiles({ name: "config.yaml", mimeType: "application/yaml", buffer: Buffer.from(bad) });
  await dialog.getByRole("button", { name: "Import" }).click();
  const issues = dialog.getByTestId("import-issues");
  await expect(dialog.getByText("2 problems in the file; nothing was imported.")).toBeVisible();
  await expect(issues).toContainText("Line 3 · registries.0.url: Only http and https registries are supported, not ftp.");
  await expect(issues).toContainText('Line 6 · registries.1.scope: Unknown field "scope"');

  const good = ["registries:", "  - name: Tools", "    url: https://tools.example", "    scopes: ['@tools']"].join("\n");
  await dialog.getByLabel("File").setInputFiles({ name: "config.yaml", mimeType: "application/yaml", buffer: Buffer.from(good) });
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByText("Added: Tools")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(rows(page).first()).toContainText("Tools");
  await expect(rows(page)).toHaveCount(4);
});

test("replaces and removes an upstream key, showing only masks", async ({ page }) => {
  await openAsOwner(page);
  const company = rows(page).filter({ hasText: "Company Private" });
  await company.getByRole("button", { name: "Replace key of Company Private" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("prmd_****wxyz");
  await dialog.getByLabel("New API key").fill("prmd_rotated_key_0123456789ROTA");
  await dialog.getByRole("button", { name: "Replace key" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(company.getByTestId("key-mask")).toHaveText("prmd_****ROTA");

  await company.getByRole("button", { name: "Replace key of Company Private" }).click();
  await dialog.getByRole("button", { name: "Remove key" }).click();
  await dialog.getByRole("button", { name: "Click again to remove" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(company).toContainText("No API key");
  expect(await page.content()).not.toContain("rotated_key");
});

test("a member reads the list but cannot change it", async ({ page }) => {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: "ks_session", value: org.tokens.member, url: baseURL }]);
  await page.goto("/registries");
  await expect(rows(page)).toHaveCount(4);
  await expect(page.getByText("You have read-only access as a member.")).toBeVisible();
  for (const name of ["Add registry", "Import", /^Move /, /^Edit /, /API key of/, /^Delete /, /the default$/]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("switch")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Export" })).toBeVisible();
});
