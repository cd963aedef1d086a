import { expect, test, type Page } from "@playwright/test";
import { startRegistryServer, type RegistryServer } from "../../tests/support/registry-server";
import { openAs } from "../support/browser";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// Registries checked for real, in Chromium: "Test connection" against a loopback npm-style
// registry (GET /-/whoami), a refused key is not saved unless "Save anyway", a good one is; and
// the live mode of "Which registry serves this package?" shows which registry answered.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
let server: RegistryServer;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Registry check UI");
  server = await startRegistryServer();
  server.serveDocument("plain", { name: "Plain npm" });
});
test.afterAll(async () => {
  await server?.close();
});

async function openRegistries(page: Page) {
  await openAs(page, org.tokens.owner, "/registries");
  const response = await page.request.patch("/api/registries/settings", { data: { allowPrivateHosts: true } });
  expect(response.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Registries", level: 1 })).toBeVisible();
}

const registryNames = async (page: Page) =>
  ((await (await page.request.get("/api/registries")).json()).data as { name: string; apiKeyMask: string | null }[]).map(
    (registry) => `${registry.name}:${registry.apiKeyMask ?? "-"}`,
  );

test("a bad token fails the check and is not saved; a good one passes and is saved", async ({ page }) => {
  await openRegistries(page);
  await page.getByRole("button", { name: "Add registry" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Registry URL").fill(`${server.url}/plain`);
  await dialog.getByRole("button", { name: "Discover" }).click();
  await expect(dialog.getByTestId("discovery-result")).toBeVisible();

  await dialog.getByLabel("API key").fill("bad_e2e_token_0123456789");
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(dialog.getByText("Connection failed")).toBeVisible();
  await expect(dialog.getByText(/refused the key \(HTTP 401\)/)).toBeVisible();
  await dialog.getByRole("button", { name: "Save registry" }).click();
  await expect(dialog.getByText(/The key was not saved/)).toBeVisible();
  expect(await registryNames(page)).toEqual(["npm public registry:-"]);

  await dialog.getByLabel("API key").fill("npm_e2e_good_token_0123456789");
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(dialog.getByText("Connection works")).toBeVisible();
  await expect(dialog.getByText(/signed in as keysmith-test/)).toBeVisible();
  await dialog.getByRole("button", { name: "Save registry" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await registryNames(page)).toEqual(["npm public registry:-", "Plain npm:npm_****6789"]);
});

test("live lookup shows which registry served the package", async ({ page }) => {
  await openRegistries(page);
  for (const kind of ["404", "good"]) {
    const response = await page.request.post("/api/registries", { data: { url: `${server.url}/pkg-${kind}` } });
    expect(response.status(), await response.text()).toBe(201);
  }
  await page.reload();
  await page.getByRole("textbox", { name: "Package" }).fill("@acme/widget");
  await page.getByLabel(/Ask the registries/).check();
  await page.getByRole("button", { name: "Resolve" }).click();
  const live = page.getByTestId("live-resolution");
  await expect(live).toContainText("pkg-good has it");
  await expect(live.getByRole("listitem").filter({ hasText: "pkg-404" })).toContainText("Not found");
  await expect(live.getByRole("listitem").filter({ hasText: "pkg-good" })).toContainText("HTTP 200");
  expect(server.requests).toContain("GET /pkg-good/@acme%2fwidget");
  await page.screenshot({ path: "test-results/registries-live.png", fullPage: true });
});
