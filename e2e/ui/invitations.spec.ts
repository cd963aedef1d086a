import { expect, test } from "@playwright/test";
import { PASSWORD } from "../support/accounts";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// Inviting in Chromium: an owner invites an admin by email, copies the one-time link, the invitee
// signs up with it and lands in the organisation as admin; the link then stops working.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Invitations UI");
});

test("an owner invites an admin with a one-time link that signs them up into the organisation", async ({ page, browser }) => {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: "ks_session", value: org.tokens.owner, url: baseURL }]);
  await page.goto("/members");
  await page.getByRole("button", { name: "Invite" }).click();
  const dialog = page.getByRole("dialog");
  const email = `invited-${Date.now().toString(36)}@invitations-ui.example.test`;
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("admin");
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const link = await dialog.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/sign-up\\?invitation=[A-Za-z0-9_-]{43}$`));
  await dialog.getByRole("button", { name: "Done" }).click();
  const pending = page.getByTestId("invitation-row").filter({ hasText: email });
  await expect(pending).toContainText("admin");

  const invitee = await browser.newContext({ baseURL });
  const their = await invitee.newPage();
  await their.goto(link);
  await expect(their.getByText("You were invited to join an organisation")).toBeVisible();
  await expect(their.locator("form[data-hydrated]")).toBeVisible();
  await their.getByLabel("Email").fill(email);
  await their.getByLabel("Password").fill(PASSWORD);
  await their.getByRole("button", { name: "Create account" }).click();
  await expect(their).toHaveURL(/\/keys$/);
  await expect(their.getByText("Admin", { exact: true })).toBeVisible();
  await invitee.close();

  await page.reload();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toHaveCount(0);
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toBeVisible();

  // Used once: the same link signs nobody else up.
  const again = await page.request.post("/api/auth/sign-up", {
    data: { email: `again-${email}`, password: PASSWORD, invitation: link.split("=")[1] },
  });
  expect(again.status()).toBe(403);
});
