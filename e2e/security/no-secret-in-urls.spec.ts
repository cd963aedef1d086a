import { expect, test, type Request } from "@playwright/test";
import { FIRST_ACCOUNT, ensureFirstAccount, signInFirstAccount } from "../support/first-account";

// Forms that carry a secret post it: with JavaScript off (or before the page hydrates), signing in
// and signing up still work as plain form posts answered by redirects, and no password, in any
// form, reaches an address bar, the history or a request line.
test.use({ javaScriptEnabled: false });

function watchUrls(page: import("@playwright/test").Page) {
  const urls: string[] = [];
  page.on("request", (request: Request) => urls.push(request.url()));
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  return urls;
}

test("signing in without JavaScript posts the form and lands signed in; no password in any URL", async ({ page, request }) => {
  await ensureFirstAccount(request);
  const urls = watchUrls(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(FIRST_ACCOUNT.email);
  await page.getByLabel("Password").fill(FIRST_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  const password = encodeURIComponent(FIRST_ACCOUNT.password).replace(/%20/g, "+");
  for (const url of urls) {
    expect(url).not.toContain(password);
    expect(decodeURIComponent(url.replace(/\+/g, " "))).not.toContain(FIRST_ACCOUNT.password);
    expect(url).not.toMatch(/[?&]password=/);
  }
});

test("a wrong password without JavaScript comes back to the form with the message, and only the message", async ({ page }) => {
  const urls = watchUrls(page);
  const secret = "a wrong but secret passphrase";
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@security.example.test");
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  for (const url of urls) expect(decodeURIComponent(url.replace(/\+/g, " "))).not.toContain(secret);
});

test("signing in without JavaScript returns to ?next= (kept through a wrong password); a foreign next lands on /keys", async ({
  page,
  request,
}) => {
  await ensureFirstAccount(request);
  await page.goto(`/sign-in?next=${encodeURIComponent("/settings?tab=1#projects")}`);
  await page.getByLabel("Email").fill(FIRST_ACCOUNT.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=.*&next=/);
  await page.getByLabel("Email").fill(FIRST_ACCOUNT.email);
  await page.getByLabel("Password").fill(FIRST_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\?tab=1#projects$/);

  await page.context().clearCookies();
  await page.goto(`/sign-in?next=${encodeURIComponent("//evil.example/keys")}`);
  await expect(page.locator('input[name="next"]')).toHaveValue("/keys"); // judged on the page already
  await page.getByLabel("Email").fill(FIRST_ACCOUNT.email);
  await page.getByLabel("Password").fill(FIRST_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/keys$/);
});

test("signing up without JavaScript is a post too; the closed sign-up answers on the form", async ({ page }) => {
  const urls = watchUrls(page);
  const secret = "another secret passphrase here";
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("late-comer@security.example.test");
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/sign-up\?error=/);
  await expect(page.getByText(/Sign-up is closed on this installation/)).toBeVisible();
  for (const url of urls) expect(decodeURIComponent(url.replace(/\+/g, " "))).not.toContain(secret);
});

test("an invited sign-up without JavaScript keeps its invitation through an error, then joins; the password never reaches a URL", async ({
  page,
  request,
}) => {
  const cookie = await signInFirstAccount(request);
  const email = `no-js-invitee-${Date.now().toString(36)}@security.example.test`;
  const created = await request.post("/api/invitations", { headers: { cookie }, data: { email, role: "member" } });
  expect(created.status(), await created.text()).toBe(201);
  const { link } = (await created.json()) as { link: string };
  const urls = watchUrls(page);
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/sign-up\?error=.*&invitation=/);
  await expect(page.getByText("You were invited to join an organisation")).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(FIRST_ACCOUNT.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  for (const url of urls) {
    expect(url).not.toMatch(/[?&]password=/);
    expect(decodeURIComponent(url.replace(/\+/g, " "))).not.toContain(FIRST_ACCOUNT.password);
  }
});
