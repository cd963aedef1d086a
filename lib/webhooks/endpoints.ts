import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { checkTargetUrl, FetchRefused, type GuardedFetchOptions } from "@/lib/net/guarded-fetch";
import { getRegistrySettings } from "@/lib/registries/settings";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/validations/webhooks";
import { enqueueEvent, TEST_EVENT_TYPE } from "./events";
import { generateWebhookSecret, sealedSecretColumns } from "./secret";
import type { NotificationView, WebhookDeliveryView, WebhookView } from "./view";

// Owners and admins manage an organisation's webhook endpoints. A target URL passes the same
// address policy as registries (loopback and private networks only when the organisation's
// private-hosts setting allows them; metadata and link-local addresses never).

type EndpointRow = Awaited<ReturnType<ReturnType<typeof db>["webhookEndpoint"]["findFirstOrThrow"]>>;

export function toWebhookView(row: EndpointRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.disabledAt === null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Refuses a target the delivery worker would refuse (400 on the url field). */
async function assertTargetAllowed(orgId: string, url: string, resolve?: GuardedFetchOptions["resolve"]): Promise<void> {
  const { allowPrivateHosts } = await getRegistrySettings(orgId);
  try {
    await checkTargetUrl(url, { allowPrivate: allowPrivateHosts, resolve });
  } catch (error) {
    if (error instanceof FetchRefused) {
      throw new AppError(error.kind === "dns" ? "VALIDATION_FAILED" : "HOST_NOT_ALLOWED", error.message, "url");
    }
    throw error;
  }
}

async function findEndpoint(orgId: string, id: string): Promise<EndpointRow> {
  const row = await db().webhookEndpoint.findFirst({ where: { id, orgId } });
  if (!row) throw notFound("Webhook");
  return row;
}

export async function listWebhooks(principal: Principal): Promise<WebhookView[]> {
  requirePermission(principal, "webhooks:read");
  const rows = await db().webhookEndpoint.findMany({ where: { orgId: principal.orgId }, orderBy: { createdAt: "asc" } });
  return rows.map(toWebhookView);
}

/** Creates an endpoint; the answer carries its signing secret, the only time it is shown. */
export async function createWebhook(
  principal: Principal,
  input: CreateWebhookInput,
  audit: AuditContext,
  resolve?: GuardedFetchOptions["resolve"],
): Promise<{ webhook: WebhookView; secret: string }> {
  requirePermission(principal, "webhooks:write");
  await assertTargetAllowed(principal.orgId, input.url, resolve);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const row = await db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        id,
        orgId: principal.orgId,
        url: input.url,
        description: input.description ?? "",
        eventTypes: input.eventTypes,
        createdBy: principal.userId,
        ...sealedSecretColumns(principal.orgId, id, secret),
      },
    });
    await recordAudit(tx, audit, {
      action: "webhook.create",
      targetType: "webhook",
      targetId: id,
      metadata: { url: input.url, eventTypes: input.eventTypes },
    });
    return created;
  });
  return { webhook: toWebhookView(row), secret };
}

export async function updateWebhook(
  principal: Principal,
  id: string,
  input: UpdateWebhookInput,
  audit: AuditContext,
  resolve?: GuardedFetchOptions["resolve"],
): Promise<WebhookView> {
  requirePermission(principal, "webhooks:write");
  const current = await findEndpoint(principal.orgId, id);
  if (input.url !== undefined && input.url !== current.url) await assertTargetAllowed(principal.orgId, input.url, resolve);
  const row = await db().$transaction(async (tx) => {
    const enabling = input.disabled === false && current.disabledAt !== null;
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.disabled === true && current.disabledAt === null
          ? { disabledAt: new Date(), disabledReason: "disabled by a person" }
          : {}),
        ...(enabling ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null } : {}),
      },
    });
    await recordAudit(tx, audit, {
      action: "webhook.update",
      targetType: "webhook",
      targetId: id,
      metadata: Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Record<
        string,
        string | boolean | string[]
      >,
    });
    return updated;
  });
  return toWebhookView(row);
}

export async function deleteWebhook(principal: Principal, id: string, audit: AuditContext): Promise<void> {
  requirePermission(principal, "webhooks:write");
  const current = await findEndpoint(principal.orgId, id);
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, audit, { action: "webhook.delete", targetType: "webhook", targetId: id, metadata: { url: current.url } });
  });
}

const DELIVERY_PAGE = 50;

/** The endpoint's latest deliveries, newest first, each with its attempts. */
export async function listDeliveries(principal: Principal, id: string): Promise<WebhookDeliveryView[]> {
  requirePermission(principal, "webhooks:read");
  await findEndpoint(principal.orgId, id);
  const rows = await db().webhookDelivery.findMany({
    where: { endpointId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERY_PAGE,
    include: { event: { select: { type: true } }, log: { orderBy: { attempt: "asc" } } },
  });
  return rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    eventType: row.event.type,
    status: row.status as WebhookDeliveryView["status"],
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    log: row.log.map((attempt) => ({
      attempt: attempt.attempt,
      statusCode: attempt.statusCode,
      durationMs: attempt.durationMs,
      error: attempt.error,
      at: attempt.createdAt.toISOString(),
    })),
  }));
}

function assertEnabled(row: EndpointRow): void {
  if (row.disabledAt !== null) throw new AppError("CONFLICT", "This webhook is disabled. Enable it first.");
}

/** Queues the delivery's event to this endpoint again (a new delivery, same webhook-id). */
export async function resendDelivery(
  principal: Principal,
  id: string,
  deliveryId: string,
  audit: AuditContext,
): Promise<{ deliveryId: string }> {
  requirePermission(principal, "webhooks:write");
  const endpoint = await findEndpoint(principal.orgId, id);
  assertEnabled(endpoint);
  const original = await db().webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: id } });
  if (!original) throw notFound("Delivery");
  const created = await db().$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.create({ data: { eventId: original.eventId, endpointId: id } });
    await recordAudit(tx, audit, {
      action: "webhook.resend",
      targetType: "webhook",
      targetId: id,
      metadata: { eventId: original.eventId, deliveryId: delivery.id },
    });
    return delivery;
  });
  return { deliveryId: created.id };
}

/** Queues a webhook.test event to this endpoint only. */
export async function sendTestEvent(principal: Principal, id: string): Promise<{ eventId: string }> {
  requirePermission(principal, "webhooks:write");
  const endpoint = await findEndpoint(principal.orgId, id);
  assertEnabled(endpoint);
  const eventId = await db().$transaction((tx) =>
    enqueueEvent(tx, principal.orgId, TEST_EVENT_TYPE, { webhookId: id, message: "A test event from Keysmith." }, id),
  );
  return { eventId };
}

/** The organisation's latest events (what its webhooks are sent), newest first. */
export async function listNotifications(principal: Principal, limit: number): Promise<NotificationView[]> {
  requirePermission(principal, "keys:read");
  const rows = await db().webhookEvent.findMany({
    where: { orgId: principal.orgId, type: { not: TEST_EVENT_TYPE } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    data: row.data as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  }));
}
