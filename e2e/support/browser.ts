import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

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
