import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver, type WebhookReceiver } from "../../tests/support/webhook-receiver";
import { createKeyVia, openAs } from "../support/browser";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// Webhooks in Chromium: an owner adds an endpoint pointing at a loopback receiver this spec
// starts, copies the one-time secret, revokes a key, and sees the signed delivery arrive (verified
// with the standardwebhooks package), in the delivery log, resent, and in the notification list.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
let receiver: WebhookReceiver;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Webhooks UI");
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
});

const typeOf = (body: string) => (JSON.parse(body) as { type: string }).type;
const received = (type: string) => receiver.received.filter((request) => typeOf(request.body) === type);

async function waitForType(type: string, count = 1) {
  await expect.poll(() => received(type).length).toBeGreaterThanOrEqual(count);
}

async function allowLoopback(page: Page) {
  const response = await page.request.patch("/api/registries/settings", { data: { allowPrivateHosts: true } });
  expect(response.status(), await response.text()).toBe(200);
}

test("an owner adds a webhook, a revoked key is delivered signed, logged, resent, and listed as a notification", async ({ page }) => {
  await openAs(page, org.tokens.owner, "/webhooks");
  await allowLoopback(page);
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "Add webhook" });
  await form.getByLabel("Endpoint URL").fill(receiver.url);
  await form.getByLabel("Description").fill("E2E receiver");
  await form.getByRole("button", { name: "Add webhook" }).click();
  const secret = (await page.getByTestId("webhook-secret").innerText()).trim();
  expect(secret).toMatch(/^whsec_/);
  const card = page.getByTestId("webhook");
  await expect(card).toContainText(receiver.url);

  const cookie = `ks_session=${org.tokens.owner}`;
  const { key } = await createKeyVia(page.request, cookie, { name: "webhook journey key" });
  const revoked = await page.request.delete(`/api/tokens/${key.id}`);
  expect(revoked.status()).toBe(200);

  await waitForType("key.revoked");
  const verifier = new Webhook(secret);
  for (const request of receiver.received) expect(verifier.verify(request.body, request.headers)).toBeTruthy();
  const [delivery] = received("key.revoked");
  expect(JSON.parse(delivery!.body)).toMatchObject({ type: "key.revoked", data: { keyId: key.id, name: "webhook journey key" } });

  // The delivery log: delivered with HTTP 200; Resend sends the same webhook-id again.
  const log = card.getByTestId("delivery-log");
  await log.getByRole("button", { name: "Refresh" }).click();
  const row = log.getByTestId("delivery").filter({ hasText: "key.revoked" });
  await expect(row).toContainText("Delivered");
  await expect(row).toContainText("HTTP 200");
  await row.getByRole("button", { name: "Resend" }).click();
  await waitForType("key.revoked", 2);
  const [first, second] = received("key.revoked");
  expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
  expect(verifier.verify(second!.body, second!.headers)).toBeTruthy();

  await card.getByRole("button", { name: "Send test event" }).click();
  await waitForType("webhook.test");
  expect(verifier.verify(received("webhook.test")[0]!.body, received("webhook.test")[0]!.headers)).toBeTruthy();

  await page.screenshot({ path: "test-results/webhooks-page.png", fullPage: true });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
  const notifications = page.getByTestId("notifications");
  await expect(notifications).toContainText("key.revoked");
  await expect(notifications).toContainText("webhook journey key");
  await expect(notifications).not.toContainText("webhook.test");
});

test("members see notifications but not webhooks", async ({ page }) => {
  await openAs(page, org.tokens.member, "/webhooks");
  await expect(page.getByText("Only owners and admins manage webhooks.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto("/notifications");
  await expect(page.getByTestId("notifications")).toContainText("key.revoked");
});
