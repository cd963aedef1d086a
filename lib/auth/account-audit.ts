import { recordAudit } from "@/lib/audit/record";
import type { AuditAction, AuditMetadata, RequestOrigin } from "@/lib/audit/types";
import type { Prisma } from "@/lib/db/generated/client";

type AccountAction = Extract<AuditAction, `auth.${string}`>;

/**
 * Records a sign-up, sign-in or sign-out in the trail of every organisation the user belongs
 * to, so each organisation's owners see who entered their dashboard and from where.
 */
export async function recordAccountEvent(
  client: Prisma.TransactionClient,
  userId: string,
  action: AccountAction,
  origin: RequestOrigin,
  metadata?: AuditMetadata,
): Promise<void> {
  const memberships = await client.membership.findMany({ where: { userId }, select: { orgId: true } });
  for (const { orgId } of memberships) {
    await recordAudit(
      client,
      { orgId, actorId: userId, ...origin },
      { action, targetType: "user", targetId: userId, ...(metadata ? { metadata } : {}) },
    );
  }
}
