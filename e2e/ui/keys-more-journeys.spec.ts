import { expect, test } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "../support/accounts";
import { createKeyInDialog, createKeyVia, openAs, signUpInBrowser } from "../support/browser";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// Journeys of issue #12 (runs after keys-journey.spec.ts, whose first sign-up must own the first organisation): edit every field and see verification follow; find a key by pasting it;
// the one-time key survives Escape and ×; a 7-day key can be disabled; an ended session comes back
// to the page it was on.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Key edits");
});

const verify = async (request: import("@playwright/test").APIRequestContext, key: string) =>
  (await request.post("/api/tokens/verify", { data: { key } })).json();

test("an owner edits every field of a key in the dialog, and verification answers the new settings", async ({ page }) => {
  await openAs(page, org.tokens.owner, "/keys");
  const { key, rawKey } = await createKeyVia(page.request, org.cookies.owner, { name: "Before edit", role: "reader", expiresInDays: 7 });
  await page.goto(`/keys/${key.id}`);
  await expect(page.getByTestId("key-id")).toHaveText(rawKey.slice(11, 23));

  await page.getByRole("button", { name: "Edit Before edit" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("After edit");
  await dialog.getByLabel("Description").fill("Nightly invoice export");
  await dialog.getByLabel("External id").fill("cus_9001");
  await dialog.getByLabel("Metadata").fill('{"plan": "pro", "seats": 5}');
  await dialog.getByLabel("Access", { exact: true }).selectOption("custom");
  await dialog.getByLabel("packages:read").check();
  await dialog.getByLabel("packages:write").check();
  await dialog.getByLabel("Expires", { exact: true }).selectOption("30");
  await dialog.getByLabel("Rate limit").fill("42");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("After edit");
  const fields = page.getByTestId("key-fields");
  await expect(fields).toContainText("Nightly invoice export");
  await expect(fields).toContainText("cus_9001");
  await expect(page.getByTestId("key-meta")).toContainText('"plan": "pro"');

  // Within the 1 s bound, whatever the verifier cached before.
  await expect
    .poll(
      async () => {
        const verdict = await verify(page.request, rawKey);
        return {
          name: verdict.name,
          meta: verdict.meta,
          scopes: verdict.scopes,
          limit: verdict.ratelimit?.limit,
          days: Math.round((Date.parse(verdict.expiresAt) - Date.now()) / 86_400_000),
        };
      },
      { timeout: 1_000 },
    )
    .toEqual({ name: "After edit", meta: { plan: "pro", seats: 5 }, scopes: ["packages:read", "packages:write"], limit: 42, days: 30 });

  // An IP allowlist that leaves this client out: verification refuses it from here.
  await page.getByRole("button", { name: "Edit After edit" }).click();
  await dialog.getByLabel("Allowed IPs").fill("203.0.113.0/24");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await verify(page.request, rawKey)).code, { timeout: 1_000 }).toBe("IP_NOT_ALLOWED");

  // Bad metadata is refused next to its field, and nothing changes.
  await page.getByRole("button", { name: "Edit After edit" }).click();
  await dialog.getByLabel("Metadata").fill("[1, 2]");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Metadata must be a JSON object")).toBeVisible();
  await expect(dialog.getByLabel("Metadata")).toBeFocused();
});

test("a 7-day key offers Disable, not Enable, in the table and on its page", async ({ page }) => {
  const { key, rawKey } = await createKeyVia(page.request, org.cookies.owner, { name: "Week key", role: "reader", expiresInDays: 7 });
  await openAs(page, org.tokens.owner, "/keys?q=Week%20key");
  const row = page.getByTestId("key-row").filter({ hasText: "Week key" });
  await expect(row.getByRole("button", { name: "Enable Week key" })).toHaveCount(0);
  await row.getByRole("button", { name: "Disable Week key" }).click();
  await expect(row).toHaveAttribute("data-key-status", "disabled");
  await expect.poll(async () => (await verify(page.request, rawKey)).code, { timeout: 1_000 }).toBe("DISABLED");
  await page.goto(`/keys/${key.id}`);
  await page.getByRole("button", { name: "Enable Week key" }).click();
  await expect(page.getByRole("button", { name: "Disable Week key" })).toBeVisible();
});

test("pasting a full key into search finds it by its key id, and the secret never reaches the URL", async ({ page }) => {
  const { rawKey } = await createKeyVia(page.request, org.cookies.owner, { name: "Leaked somewhere", role: "reader", expiresInDays: 30 });
  await createKeyVia(page.request, org.cookies.owner, { name: "Unrelated", role: "reader", expiresInDays: 30 });
  await openAs(page, org.tokens.owner, "/keys");
  await page.getByLabel("Search keys").fill(rawKey);
  await expect(page.getByLabel("Search keys")).toHaveValue(rawKey.slice(11, 23));
  await expect(page.getByText("You pasted a full key: searching by its key id only.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${rawKey.slice(11, 23)}$`));
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await expect(page.getByTestId("key-row")).toContainText("Leaked somewhere");
  expect(page.url()).not.toContain(rawKey.slice(24));
});

test("Escape and × on the one-time key ask first; the key stays until Done or “Yes, close”", async ({ page }) => {
  await openAs(page, org.tokens.owner, "/keys");
  const { dialog, rawKey } = await createKeyInDialog(page, "Once only");
  await page.keyboard.press("Escape");
  await expect(dialog.getByRole("heading", { name: "Did you copy the key?" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Back to the key" })).toBeFocused();
  await dialog.getByRole("button", { name: "Back to the key" }).click();
  await expect(dialog.getByTestId("raw-key")).toHaveValue(rawKey);

  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog.getByRole("heading", { name: "Did you copy the key?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Back to the key" }).click();
  await expect(dialog.getByTestId("raw-key")).toHaveValue(rawKey);

  // The guidance: snippets with the key in the environment variable, the verify call and the middleware.
  await dialog.getByText("Use this key").click();
  await expect(dialog.getByTestId("snippet-env")).toHaveText(`KEYSMITH_API_KEY=${rawKey}`);
  await expect(dialog.getByTestId("snippet-curl")).toContainText("/api/tokens/verify");
  await expect(dialog.getByTestId("snippet-node")).toContainText("requireApiKey");

  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "Yes, close" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await page.content()).not.toContain(rawKey);
});

test("a session that ends sends the viewer to sign in and back to the page they were on", async ({ page, context }) => {
  const email = uniqueEmail("deep-link");
  await signUpInBrowser(page, email);
  await page.goto("/keys?sort=name&order=asc");
  await context.clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fkeys%3Fsort%3Dname%26order%3Dasc$/);
  await expect(page.locator("form[data-hydrated]")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/keys\?sort=name&order=asc$/);

  // A link elsewhere is not followed.
  await context.clearCookies();
  await page.goto("/sign-in?next=//evil.example/keys");
  await expect(page.locator("form[data-hydrated]")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/localhost:\d+\/keys$/);
});
