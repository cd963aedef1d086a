import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD } from "./accounts";

/** Signs the page in with a session token of a seeded organisation and opens `path`. */
export async function openAs(page: Page, token: string, path: string) {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: "ks_session", value: token, url: baseURL }]);
  return page.goto(path);
}

/** Collects console errors and uncaught exceptions (a CSP violation is a console error). */
export function collectBrowserErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

export async function createKeyVia(request: APIRequestContext, cookie: string, data: Record<string, unknown>) {
  const response = await request.post("/api/tokens", { headers: { cookie }, data });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { key: { id: string; name: string; prefix: string }; rawKey: string };
}

/** Verifies the key `times` times over HTTP, as a service would. */
export async function verifyTimes(request: APIRequestContext, rawKey: string, times: number) {
  for (let i = 0; i < times; i++) {
    const response = await request.post("/api/tokens/verify", { headers: { "x-api-key": rawKey } });
    expect((await response.json()).code).toBe("VALID");
  }
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Signs up through the sign-up page; lands on the keys page. */
export async function signUpInBrowser(page: Page, email: string) {
  await page.goto("/sign-up");
  // Submitted before React hydrates, the form would post natively (it works, but as a full page load):
  // wait for the marker React sets.
  await expect(page.locator("form[data-hydrated]")).toBeVisible();
  const submit = page.getByRole("button", { name: /create account|sign up/i });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await submit.click();
  await expect(page).toHaveURL(/\/keys$/);
}

/** Creates a key named `name` with the dialog's defaults; returns the dialog, still showing the key once, and the key. */
export async function createKeyInDialog(page: Page, name: string) {
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: false }).first().fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const shown = dialog.getByTestId("raw-key");
  await expect(shown).toBeVisible();
  const rawKey = (await shown.inputValue().catch(() => shown.innerText())).trim();
  expect(rawKey).toMatch(/^ks_live_sk_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/);
  return { dialog, rawKey };
}
