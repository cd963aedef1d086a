import { expect, type APIRequestContext } from "@playwright/test";
import { PASSWORD, sessionCookie } from "./accounts";

// The security server has sign-up closed (the default), which holds once the first account
// exists. This makes that account (the owner of the default organisation) whichever spec runs
// first; later calls get the closed sign-up's 403, the same answer as for any other email.
export const FIRST_ACCOUNT = { email: "first-owner@security.example.test", password: PASSWORD };

export async function ensureFirstAccount(request: APIRequestContext): Promise<void> {
  const response = await request.post("/api/auth/sign-up", { data: FIRST_ACCOUNT });
  expect([201, 403], await response.text()).toContain(response.status());
}

/** Signs in as the first account; returns the Cookie header value. */
export async function signInFirstAccount(request: APIRequestContext, headers: Record<string, string> = {}): Promise<string> {
  await ensureFirstAccount(request);
  const response = await request.post("/api/auth/sign-in", { data: FIRST_ACCOUNT, headers });
  expect(response.status(), await response.text()).toBe(200);
  return sessionCookie(response.headers()["set-cookie"]);
}
