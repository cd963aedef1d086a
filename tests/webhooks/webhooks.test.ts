import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { createKey, revokeKey, setKeyDisabled } from "@/lib/keys/service";
import { rotateKey } from "@/lib/keys/rotate";
import { updateRegistrySettings } from "@/lib/registries/settings";
import { createWebhook, listDeliveries, listNotifications, resendDelivery, sendTestEvent, updateWebhook } from "@/lib/webhooks/endpoints";
import { claimDue, deliverDueWebhooks } from "@/lib/webhooks/worker";
import { createOrgWithMembers } from "../support/fixtures";
import { allowPrivateHosts, auditActions, auditFor } from "../support/registries";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
  // Every test starts with nothing due from another test.
  await db().$executeRaw`UPDATE "WebhookEndpoint" SET "disabledAt" = now() WHERE "disabledAt" IS NULL`;
  receiver.received.length = 0;
  receiver.statuses.length = 0;
});

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;

async function orgWithWebhook(eventTypes: string[] = ["key.created", "key.revoked", "key.rotated", "key.disabled"]) {
  const org = await createOrgWithMembers();
  await allowPrivateHosts(org.owner);
  const { webhook, secret } = await createWebhook(org.owner, { url: receiver.url, eventTypes: eventTypes as never }, auditFor(org.owner));
  return { org, webhook, secret };
}

const pendingFor = (endpointId: string) => db().webhookDelivery.findMany({ where: { endpointId, status: "pending" } });
const makeDue = (endpointId: string) =>
  db().$executeRaw`UPDATE "WebhookDelivery" SET "nextAttemptAt" = now() WHERE "endpointId" = ${endpointId}::uuid AND status = 'pending'`;
const dbNow = async () => (await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;
const newKey = (org: Org, name = "alerted") => createKey(org.owner, { name, expiresAt: null } as never, auditFor(org.owner));

describe("signed deliveries", () => {
  it("sends key events that the standardwebhooks package verifies, and logs each attempt", async () => {
    const { org, webhook, secret } = await orgWithWebhook();
    const created = await newKey(org);
    await revokeKey(org.owner, created.key.id, auditFor(org.owner));

    // The outbox holds both events before any worker runs.
    expect((await pendingFor(webhook.id)).length).toBe(2);
    const tick = await deliverDueWebhooks();
    expect(tick).toMatchObject({ claimed: 2, delivered: 2, failed: 0 });

    const verifier = new Webhook(secret);
    const payloads = receiver.received.map((request) => {
      expect(request.headers["webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(request.headers["webhook-signature"]).toMatch(/^v1,/);
      return verifier.verify(request.body, request.headers) as { type: string; data: { keyId: string } };
    });
    expect(payloads.map((payload) => payload.type).sort()).toEqual(["key.created", "key.revoked"]);
    expect(payloads.every((payload) => payload.data.keyId === created.key.id)).toBe(true);
    // A wrong secret or an altered body fails verification.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(24, 7).toString("base64")}`).verify(receiver.received[0]!.body, receiver.received[0]!.headers),
    ).toThrow();
    expect(() => verifier.verify(`${receiver.received[0]!.body} `, receiver.received[0]!.headers)).toThrow();

    const log = await listDeliveries(org.owner, webhook.id);
    expect(log.map((delivery) => delivery.status)).toEqual(["delivered", "delivered"]);
    expect(log[0]!.log).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null })]);
    // The raw secret is stored nowhere in clear.
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(Buffer.from(row.secretCiphertext).toString("utf8")).not.toContain(secret.slice(6));
  });

  it("only sends the event types an endpoint chose, and the notification list has them all", async () => {
    const { org, webhook } = await orgWithWebhook(["key.disabled"]);
    const created = await newKey(org);
    await setKeyDisabled(org.owner, created.key.id, true, auditFor(org.owner));
    await rotateKey(org.owner, created.key.id, "none", auditFor(org.owner)).catch(() => {});
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 1 });
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: "key.disabled" });
    const notifications = await listNotifications(org.member, 50);
    expect(notifications.map((event) => event.type)).toEqual(expect.arrayContaining(["key.created", "key.disabled"]));
    expect((await pendingFor(webhook.id)).length).toBe(0);
  });
});

describe("the outbox", () => {
  it("writes the event in the change's transaction: a rolled-back change has none", async () => {
    const { org, webhook } = await orgWithWebhook(["key.revoked"]);
    const before = await db().webhookEvent.count({ where: { orgId: org.orgId } });
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit(tx, auditFor(org.owner), { action: "key.revoke", targetType: "key", targetId: null });
        throw new Error("the change fails after its audit event");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db().webhookEvent.count({ where: { orgId: org.orgId } })).toBe(before);
    expect(await pendingFor(webhook.id)).toEqual([]);
  });

  it("loses nothing when a worker dies between claiming and sending: the row is claimed again after the lease", async () => {
    const { org, webhook, secret } = await orgWithWebhook(["key.created"]);
    await newKey(org);
    // A worker claims the delivery and dies before it sends or records anything.
    expect((await claimDue(20)).length).toBe(1);
    expect(await deliverDueWebhooks()).toMatchObject({ claimed: 0 });
    expect(receiver.received).toHaveLength(0);
    // The lease ends (moved on the database's clock, not waited for).
    await makeDue(webhook.id);
    expect(await deliverDueWebhooks()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(new Webhook(secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers)).toMatchObject({ type: "key.created" });
  });

  it("never delivers one event twice when two workers run at once", async () => {
    const { org, webhook } = await orgWithWebhook(["key.created"]);
    for (let index = 0; index < 30; index += 1) await newKey(org, `key ${index}`);
    const [first, second] = await Promise.all([deliverDueWebhooks({ batch: 10 }), deliverDueWebhooks({ batch: 10 })]);
    const third = await deliverDueWebhooks({ batch: 30 });
    expect(first.claimed + second.claimed + third.claimed).toBe(30);
    const ids = receiver.received.map((request) => request.headers["webhook-id"]);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(await db().webhookAttempt.count({ where: { delivery: { endpointId: webhook.id } } })).toBe(30);
  });
});

describe("retries", () => {
  it("retries after 500s with exponential back-off on the database's clock, then delivers", async () => {
    const { org, webhook } = await orgWithWebhook(["key.created"]);
    await newKey(org);
    receiver.statuses.push(500, 503);

    expect(await deliverDueWebhooks()).toMatchObject({ claimed: 1, failed: 1 });
    let [delivery] = await pendingFor(webhook.id);
    const firstDelay = (delivery!.nextAttemptAt.getTime() - (await dbNow()).getTime()) / 1000;
    expect(firstDelay).toBeGreaterThan(8);
    expect(firstDelay).toBeLessThanOrEqual(10);
    // Not due yet: a tick sends nothing.
    expect(await deliverDueWebhooks()).toMatchObject({ claimed: 0 });

    await makeDue(webhook.id);
    expect(await deliverDueWebhooks()).toMatchObject({ failed: 1 });
    [delivery] = await pendingFor(webhook.id);
    const secondDelay = (delivery!.nextAttemptAt.getTime() - (await dbNow()).getTime()) / 1000;
    expect(secondDelay).toBeGreaterThan(25);
    expect(secondDelay).toBeLessThanOrEqual(30);

    await makeDue(webhook.id);
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 1 });
    const [logged] = await listDeliveries(org.owner, webhook.id);
    expect(logged!.log.map((attempt) => attempt.statusCode)).toEqual([500, 503, 200]);
    expect(new Set(receiver.received.map((request) => request.headers["webhook-id"])).size).toBe(1);
    const endpoint = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(endpoint).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  it("gives up on a delivery 24 hours after its event", async () => {
    const { org, webhook } = await orgWithWebhook(["key.created"]);
    await newKey(org);
    receiver.statuses.push(500);
    await db().$executeRaw`UPDATE "WebhookDelivery" SET "createdAt" = now() - interval '25 hours' WHERE "endpointId" = ${webhook.id}::uuid`;
    expect(await deliverDueWebhooks()).toMatchObject({ failed: 1 });
    expect((await listDeliveries(org.owner, webhook.id))[0]).toMatchObject({ status: "failed", nextAttemptAt: null });
  });

  it("disables an endpoint whose every attempt failed for 24 hours, with an audit event", async () => {
    const { org, webhook } = await orgWithWebhook(["key.created"]);
    await newKey(org);
    receiver.statuses.push(500);
    await db()
      .$executeRaw`UPDATE "WebhookEndpoint" SET "failingSince" = now() - interval '25 hours', "consecutiveFailures" = 7 WHERE id = ${webhook.id}::uuid`;
    await deliverDueWebhooks();
    const endpoint = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(endpoint.disabledAt).not.toBeNull();
    expect(endpoint.disabledReason).toMatch(/8 in a row/);
    expect(await auditActions(org.orgId)).toContain("webhook.disable");
    // A disabled endpoint gets no new deliveries (the failed one waits); enabling it starts the count over.
    await newKey(org, "after");
    expect(await db().webhookDelivery.count({ where: { endpointId: webhook.id } })).toBe(1);
    expect(await deliverDueWebhooks()).toMatchObject({ claimed: 0 });
    const enabled = await updateWebhook(org.owner, webhook.id, { disabled: false }, auditFor(org.owner));
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, failingSince: null });
  });

  it("a failing endpoint that was healthy a moment ago is not disabled by one failure", async () => {
    const { org, webhook } = await orgWithWebhook(["key.created"]);
    await newKey(org);
    receiver.statuses.push(500);
    await deliverDueWebhooks();
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } })).disabledAt).toBeNull();
  });
});

describe("resend and test events", () => {
  it("resends a delivery with the same webhook-id, and a test event goes to that endpoint only", async () => {
    const { org, webhook, secret } = await orgWithWebhook(["key.created"]);
    await newKey(org);
    await deliverDueWebhooks();
    const [delivery] = await listDeliveries(org.owner, webhook.id);
    await resendDelivery(org.owner, webhook.id, delivery!.id, auditFor(org.owner));
    await sendTestEvent(org.owner, webhook.id);
    expect(await deliverDueWebhooks()).toMatchObject({ delivered: 2 });
    const [first, ...rest] = receiver.received;
    const verifier = new Webhook(secret);
    const types = rest.map((request) => (verifier.verify(request.body, request.headers) as { type: string }).type).sort();
    expect(types).toEqual(["key.created", "webhook.test"]);
    expect(rest.find((request) => JSON.parse(request.body).type === "key.created")!.headers["webhook-id"]).toBe(
      first!.headers["webhook-id"],
    );
    expect((await listNotifications(org.owner, 50)).map((event) => event.type)).not.toContain("webhook.test");
    expect(await auditActions(org.orgId)).toContain("webhook.resend");
  });
});

describe("SSRF", () => {
  it("refuses loopback targets unless private hosts are allowed, and metadata addresses always", async () => {
    const org = await createOrgWithMembers();
    const create = (url: string) => createWebhook(org.owner, { url, eventTypes: ["key.created"] }, auditFor(org.owner));
    await expect(create(receiver.url)).rejects.toMatchObject({ code: "HOST_NOT_ALLOWED", field: "url" });
    await expect(create("http://169.254.169.254/latest/meta-data/")).rejects.toMatchObject({ code: "HOST_NOT_ALLOWED" });
    await allowPrivateHosts(org.owner);
    await expect(create("http://169.254.169.254/latest/meta-data/")).rejects.toMatchObject({ code: "HOST_NOT_ALLOWED" });
    await expect(create("http://[::ffff:169.254.169.254]/")).rejects.toMatchObject({ code: "HOST_NOT_ALLOWED" });
    const { webhook } = await create(receiver.url);

    // Private hosts switched off after the endpoint was saved: the delivery is refused at send time.
    await updateRegistrySettings(org.owner, { allowPrivateHosts: false }, auditFor(org.owner));
    await newKey(org);
    expect(await deliverDueWebhooks()).toMatchObject({ failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await listDeliveries(org.owner, webhook.id);
    expect(delivery!.log[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/loopback/) });
  });

  it("is for owners and admins: members cannot list or create webhooks", async () => {
    const org = await createOrgWithMembers();
    await allowPrivateHosts(org.owner);
    await expect(createWebhook(org.member, { url: receiver.url, eventTypes: ["key.created"] }, auditFor(org.member))).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
    await expect(createWebhook(org.admin, { url: receiver.url, eventTypes: ["key.created"] }, auditFor(org.admin))).resolves.toBeTruthy();
  });
});
