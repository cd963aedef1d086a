import type { OrgRole, Session } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, forbidden, notFound } from "@/lib/errors";

export interface MemberView {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: OrgRole;
  joinedAt: string;
}

function assertOwner(session: Session): void {
  if (session.orgRole !== "owner") throw forbidden("Only owners can change members.");
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
async function lockOwnersAndFind(tx: Prisma.TransactionClient, session: Session, membershipId: string) {
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "orgId" = ${session.orgId}::uuid AND role = 'owner' FOR UPDATE`;
  const target = await tx.membership.findFirst({ where: { id: membershipId, orgId: session.orgId } });
  if (!target) throw notFound("Member");
  return target;
}

async function assertAnotherOwner(tx: Prisma.TransactionClient, orgId: string): Promise<void> {
  if ((await tx.membership.count({ where: { orgId, role: "owner" } })) <= 1) {
    throw new AppError("CONFLICT", "An organisation needs at least one owner. Make someone else owner first.");
  }
}

export async function changeMemberRole(session: Session, membershipId: string, role: OrgRole): Promise<MemberView> {
  assertOwner(session);
  await db().$transaction(async (tx) => {
    const target = await lockOwnersAndFind(tx, session, membershipId);
    if (target.role === "owner" && role !== "owner") await assertAnotherOwner(tx, session.orgId);
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
  });
  const member = (await listMembers(session.orgId)).find((m) => m.id === membershipId);
  if (!member) throw notFound("Member");
  return member;
}

/** Removes a member from the organisation and ends their sessions. */
export async function removeMember(session: Session, membershipId: string): Promise<void> {
  assertOwner(session);
  await db().$transaction(async (tx) => {
    const target = await lockOwnersAndFind(tx, session, membershipId);
    if (target.role === "owner") await assertAnotherOwner(tx, session.orgId);
    await tx.membership.delete({ where: { id: membershipId } });
    await tx.session.deleteMany({ where: { userId: target.userId } });
  });
}
