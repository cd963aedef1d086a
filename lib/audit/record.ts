import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { AuditContext, AuditEventInput } from "./types";

type Client = Prisma.TransactionClient;

/**
 * Appends an audit event. Pass the transaction that makes the change, so the change and
 * its record commit together or not at all.
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
}

export interface AuditEventView {
  id: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: unknown;
  createdAt: string;
}

/** The organisation's most recent events, newest first. */
export async function listAuditEvents(
  orgId: string,
  filter: { targetType?: string; targetId?: string; limit?: number } = {},
): Promise<AuditEventView[]> {
  const rows = await db().auditEvent.findMany({
    where: { orgId, targetType: filter.targetType, targetId: filter.targetId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.limit ?? 50, 500),
  });
  return rows.map((row) => ({
    id: row.id,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    userAgent: row.userAgent,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  }));
}
