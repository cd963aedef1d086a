import { randomUUID } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { Prisma } from "@/lib/db/generated/client";
import { eventForAudit, outboxCtes } from "@/lib/webhooks/events";
import type { AuditContext, AuditEventInput } from "./types";

type Client = Prisma.TransactionClient;

/**
 * Appends an audit event. Pass the transaction that makes the change, so the change and
 * its record commit together or not at all. A change webhooks announce (lib/webhooks/events.ts)
 * gets its outbox event in the same statement. One statement, not two or three: on the embedded
 * database every round trip costs a dashboard write about a millisecond of both cores.
 */
export async function recordAudit(client: Client, context: AuditContext, event: AuditEventInput): Promise<void> {
  await client.$executeRaw`WITH ${auditCtes(context, event)} SELECT 1`;
}

/**
 * The audit event (and its webhook event) as common table expressions, to be written in the
 * statement of the change itself (`WITH <change>, ${auditCtes} SELECT …`): one statement is
 * atomic without a transaction (lib/keys/insert-key.ts). createdAt is the database's (the
 * statement's transaction start); the id is a UUIDv7, as the schema's default, so events of one
 * transaction keep their order.
 */
export function auditCtes(context: AuditContext, event: AuditEventInput): Prisma.Sql {
  const audit = Prisma.sql`audit_event AS (
    INSERT INTO "AuditEvent" (id, "orgId", "actorId", action, "targetType", "targetId", ip, "userAgent", metadata)
    VALUES (${uuidv7()}::uuid, ${context.orgId}::uuid, ${context.actorId}, ${event.action}, ${event.targetType},
      ${event.targetId ?? null}, ${context.ip ?? null}, ${context.userAgent ?? null}, ${JSON.stringify(event.metadata ?? {})}::jsonb))`;
  const webhookEvent = eventForAudit(event);
  if (!webhookEvent) return audit;
  return Prisma.sql`${audit}, ${outboxCtes({ id: randomUUID(), orgId: context.orgId, ...webhookEvent }, null)}`;
}
