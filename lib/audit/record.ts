import { randomUUID } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { Prisma } from "@/lib/db/generated/client";
import { eventForAudit, outboxStatement } from "@/lib/webhooks/events";
import type { AuditContext, AuditEventInput } from "./types";

type Client = Prisma.TransactionClient;

/**
 * Appends an audit event. Pass the transaction that makes the change, so the change and
 * its record commit together or not at all. A change webhooks announce (lib/webhooks/events.ts)
 * gets its outbox event in the same statement. One statement, not two or three: on the embedded
 * database every round trip costs a dashboard write about a millisecond of both cores.
 * createdAt is the database's (the transaction's start); the id is a UUIDv7, as the schema's
 * default, so events of one transaction keep their order.
 */
export async function recordAudit(client: Client, context: AuditContext, event: AuditEventInput): Promise<void> {
  const audit = Prisma.sql`
    INSERT INTO "AuditEvent" (id, "orgId", "actorId", action, "targetType", "targetId", ip, "userAgent", metadata)
    VALUES (${uuidv7()}::uuid, ${context.orgId}::uuid, ${context.actorId}, ${event.action}, ${event.targetType},
      ${event.targetId ?? null}, ${context.ip ?? null}, ${context.userAgent ?? null}, ${JSON.stringify(event.metadata ?? {})}::jsonb)`;
  const webhookEvent = eventForAudit(event);
  if (!webhookEvent) {
    await client.$executeRaw(audit);
    return;
  }
  const outboxEvent = { id: randomUUID(), orgId: context.orgId, ...webhookEvent };
  await client.$executeRaw(outboxStatement(outboxEvent, null, Prisma.sql`audit AS (${audit}),`));
}
