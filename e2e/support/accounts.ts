import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";

export const PASSWORD = "a long enough test password";

let counter = 0;
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now()}-${counter}@example.test`;
}

/** Signs up through the API and returns the session cookie as a Cookie header value. */
export async function signUpViaApi(request: APIRequestContext, email = uniqueEmail("user")): Promise<string> {
  const response = await request.post("/api/auth/sign-up", { data: { email, password: PASSWORD } });
  expect(response.status(), await response.text()).toBe(201);
  return sessionCookie(response.headers()["set-cookie"]);
}

export function sessionCookie(setCookie: string | undefined): string {
  const match = /ks_session=([^;]+)/.exec(setCookie ?? "");
  if (!match) throw new Error(`no session cookie in ${setCookie}`);
  return `ks_session=${match[1]}`;
}
