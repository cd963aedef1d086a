import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/db/generated/client";
import type { AuditAction, AuditEventInput } from "@/lib/audit/types";

// The events an organisation's webhooks (and its notification list) receive. Each is written to
// the outbox (WebhookEvent, with one WebhookDelivery per subscribed endpoint) in the transaction
// of the change it describes: a change that commits has its event, one that rolls back has none,
// and a crash after the commit loses nothing — the delivery worker finds the row.

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types";
import type { WebhookEventType } from "./event-types";

/** Sent by "Send test event" to one endpoint; not in the notification list. */
export const TEST_EVENT_TYPE = "webhook.test";

const EVENT_BY_AUDIT: Partial<Record<AuditAction, WebhookEventType>> = {
  "key.create": "key.created",
  "key.revoke": "key.revoked",
  "key.rotate": "key.rotated",
  "key.disable": "key.disabled",
  "key.enable": "key.enabled",
  "key.leak_report": "key.leaked",
  "registry.create": "registry.created",
  "registry.update": "registry.updated",
  "registry.key_replace": "registry.updated",
  "registry.key_remove": "registry.updated",
  "registry.set_default": "registry.updated",
  "registry.reorder": "registry.updated",
  "registry.import": "registry.updated",
  "registry.delete": "registry.deleted",
};

/** The webhook event an audited change stands for, or null (sign-ins, settings…). */
export function eventForAudit(event: AuditEventInput): { type: WebhookEventType; data: Record<string, unknown> } | null {
  const type = EVENT_BY_AUDIT[event.action];
  if (!type) return null;
  const idField = event.targetType === "key" ? "keyId" : "registryId";
  return { type, data: { [idField]: event.targetId, ...(event.metadata ?? {}) } };
}

/**
 * Writes an event and its deliveries (one per enabled endpoint subscribed to the type, or only
 * `onlyEndpointId`) in one statement on `client` — pass the change's transaction.
 */
export async function enqueueEvent(
  client: Prisma.TransactionClient,
  orgId: string,
  type: string,
  data: Record<string, unknown>,
  onlyEndpointId: string | null = null,
): Promise<string> {
  const id = randomUUID();
  await client.$executeRaw`WITH ${outboxCtes({ id, orgId, type, data }, onlyEndpointId)} SELECT 1`;
  return id;
}

/**
 * An event and its deliveries as common table expressions (`WITH ${outboxCtes} SELECT …`), so
 * that they can share one statement with the change they describe (lib/audit/record.ts).
 */
export function outboxCtes(
  event: { id: string; orgId: string; type: string; data: Record<string, unknown> },
  onlyEndpointId: string | null,
): Prisma.Sql {
  return Prisma.sql`
    webhook_event AS (
      INSERT INTO "WebhookEvent" (id, "orgId", type, data)
      VALUES (${event.id}::uuid, ${event.orgId}::uuid, ${event.type}, ${JSON.stringify(event.data)}::jsonb)
      RETURNING id, "orgId", type),
    webhook_deliveries AS (
      INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId")
      SELECT gen_random_uuid(), e.id, w.id FROM webhook_event e JOIN "WebhookEndpoint" w ON w."orgId" = e."orgId"
      WHERE w."disabledAt" IS NULL
        AND (${onlyEndpointId}::uuid IS NULL AND e.type = ANY(w."eventTypes") OR w.id = ${onlyEndpointId}::uuid))`;
}

/** The JSON body of a delivery, as the Standard Webhooks spec shapes it. */
export function eventPayload(event: { type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}
