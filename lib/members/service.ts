import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import type { OrgRole } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";

// Members of an organisation (local sign-in). Owners and admins change members (members:write);
// anything that makes, demotes or removes an owner needs members:owner, which only an owner
// signed in to the dashboard holds — never an API key. Every change is audited with before/after.

export interface MemberView {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: OrgRole;
  joinedAt: string;
}

export async function listMembers(orgId: string): Promise<MemberView[]> {
  const rows = await db().membership.findMany({
    where: { orgId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  }));
}

/**
 * Locks the organisation's owner rows, then finds the target membership. The lock makes two
 * owners demoting each other at once wait for each other, so one owner always remains.
 */
async function lockOwnersAndFind(tx: Prisma.TransactionClient, principal: Principal, membershipId: string) {
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "orgId" = ${principal.orgId}::uuid AND role = 'owner' FOR UPDATE`;
  const target = await tx.membership.findFirst({
    where: { id: membershipId, orgId: principal.orgId },
    include: { user: { select: { email: true } } },
  });
  if (!target) throw notFound("Member");
  return target;
}

async function assertAnotherOwner(tx: Prisma.TransactionClient, orgId: string): Promise<void> {
  if ((await tx.membership.count({ where: { orgId, role: "owner" } })) <= 1) {
    throw new AppError("CONFLICT", "An organisation needs at least one owner. Make someone else owner first.");
  }
}

export async function changeMemberRole(
  principal: Principal,
  membershipId: string,
  role: OrgRole,
  audit: AuditContext,
): Promise<MemberView> {
  requirePermission(principal, "members:write");
  await db().$transaction(async (tx) => {
    const target = await lockOwnersAndFind(tx, principal, membershipId);
    if (target.role === role) return;
    if (target.role === "owner" || role === "owner") requirePermission(principal, "members:owner");
    if (target.role === "owner") await assertAnotherOwner(tx, principal.orgId);
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
    await recordAudit(tx, audit, {
      action: "member.role_change",
      targetType: "user",
      targetId: target.userId,
      metadata: { email: target.user.email, before: target.role, after: role },
    });
  });
  const member = (await listMembers(principal.orgId)).find((m) => m.id === membershipId);
  if (!member) throw notFound("Member");
  return member;
}

/** Removes a member from the organisation and ends their sessions; their keys lose their management authority. */
export async function removeMember(principal: Principal, membershipId: string, audit: AuditContext): Promise<void> {
  requirePermission(principal, "members:write");
  await db().$transaction(async (tx) => {
    const target = await lockOwnersAndFind(tx, principal, membershipId);
    if (target.role === "owner") {
      requirePermission(principal, "members:owner");
      await assertAnotherOwner(tx, principal.orgId);
    }
    await tx.membership.delete({ where: { id: membershipId } });
    await tx.session.deleteMany({ where: { userId: target.userId } });
    await recordAudit(tx, audit, {
      action: "member.remove",
      targetType: "user",
      targetId: target.userId,
      metadata: { email: target.user.email, before: target.role, after: null },
    });
  });
}
