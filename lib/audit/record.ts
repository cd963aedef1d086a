import type { Prisma } from "@/lib/db/generated/client";
import { enqueueEvent, eventForAudit } from "@/lib/webhooks/events";
import type { AuditContext, AuditEventInput } from "./types";

type Client = Prisma.TransactionClient;

/**
 * Appends an audit event. Pass the transaction that makes the change, so the change and
 * its record commit together or not at all. A change webhooks announce (lib/webhooks/events.ts)
 * gets its outbox event in the same transaction.
 */
export async function recordAudit(client: Client, context: AuditContext, event: AuditEventInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      orgId: context.orgId,
      actorId: context.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      ip: context.ip,
      userAgent: context.userAgent,
      metadata: (event.metadata ?? {}) as Prisma.InputJsonObject,
    },
  });
  const webhookEvent = eventForAudit(event);
  if (webhookEvent) await enqueueEvent(client, context.orgId, webhookEvent.type, webhookEvent.data);
}
