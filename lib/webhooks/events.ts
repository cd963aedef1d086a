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
  await client.$executeRaw(outboxStatement({ id, orgId, type, data }, onlyEndpointId));
  return id;
}

/**
 * The outbox statement: `WITH <first> e AS (the event) INSERT <its deliveries>`. `first` is another
 * CTE ending with a comma, written in the same statement (recordAudit's audit row: one round trip
 * for a change's audit event and its webhook event, not two).
 */
export function outboxStatement(
  event: { id: string; orgId: string; type: string; data: Record<string, unknown> },
  onlyEndpointId: string | null,
  first: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  return Prisma.sql`
    WITH ${first} e AS (
      INSERT INTO "WebhookEvent" (id, "orgId", type, data)
      VALUES (${event.id}::uuid, ${event.orgId}::uuid, ${event.type}, ${JSON.stringify(event.data)}::jsonb)
      RETURNING id, "orgId", type)
    INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId")
    SELECT gen_random_uuid(), e.id, w.id FROM e JOIN "WebhookEndpoint" w ON w."orgId" = e."orgId"
    WHERE w."disabledAt" IS NULL
      AND (${onlyEndpointId}::uuid IS NULL AND e.type = ANY(w."eventTypes") OR w.id = ${onlyEndpointId}::uuid)`;
}

/** The JSON body of a delivery, as the Standard Webhooks spec shapes it. */
export function eventPayload(event: { type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}
