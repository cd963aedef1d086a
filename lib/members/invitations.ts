import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import type { OrgRole } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";

// Invitations: owners and admins invite someone by email with a role; Keysmith answers a one-time
// link (shown once, like a key: only its SHA-256 is stored) that signs them up into the
// organisation. It expires after 7 days; inviting an owner needs members:owner.

export const INVITATION_TTL_MS = 7 * 86_400_000;
export const INVITATION_PATH = "/sign-up?invitation=";

export interface InvitationView {
  id: string;
  email: string;
  role: OrgRole;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function toView(row: { id: string; email: string; role: OrgRole; invitedBy: string; createdAt: Date; expiresAt: Date }): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** Pending invitations: not accepted, not revoked, not expired. */
export async function listInvitations(orgId: string): Promise<InvitationView[]> {
  const rows = await db().invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: await dbClock().now() } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toView);
}

export async function createInvitation(
  principal: Principal,
  input: { email: string; role: OrgRole },
  audit: AuditContext,
): Promise<{ invitation: InvitationView; token: string }> {
  requirePermission(principal, "members:write");
  if (input.role === "owner") requirePermission(principal, "members:owner");
  const member = await db().membership.findFirst({ where: { orgId: principal.orgId, user: { email: input.email } }, select: { id: true } });
  if (member) throw new AppError("CONFLICT", "This person is a member already.", "email");
  const token = randomBytes(32).toString("base64url");
  // Seven days by the database's clock, which also decides when a link stops working.
  const expiresAt = new Date((await dbClock().now()).getTime() + INVITATION_TTL_MS);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        orgId: principal.orgId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: principal.userId,
        expiresAt,
      },
    });
    await recordAudit(tx, audit, {
      action: "member.invite",
      targetType: "invitation",
      targetId: created.id,
      metadata: { email: input.email, role: input.role },
    });
    return created;
  });
  return { invitation: toView(row), token };
}

export async function revokeInvitation(principal: Principal, id: string, audit: AuditContext): Promise<void> {
  requirePermission(principal, "members:write");
  await db().$transaction(async (tx) => {
    const row = await tx.invitation.findFirst({ where: { id, orgId: principal.orgId, acceptedAt: null, revokedAt: null } });
    if (!row) throw notFound("Invitation");
    if (row.role === "owner") requirePermission(principal, "members:owner");
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, audit, {
      action: "member.invite_revoke",
      targetType: "invitation",
      targetId: id,
      metadata: { email: row.email, role: row.role },
    });
  });
}

/**
 * Uses an invitation inside sign-up's transaction: the pending invitation whose token this is and
 * whose email matches. One wrong answer for every failure (unknown, used, revoked, expired, other
 * email), so a token cannot be probed for whose it is.
 */
export async function claimInvitation(
  tx: Prisma.TransactionClient,
  token: string,
  email: string,
): Promise<{ id: string; orgId: string; role: OrgRole }> {
  const rows = await tx.$queryRaw<{ id: string; orgId: string; role: OrgRole; email: string }[]>`
    SELECT id, "orgId", role::text AS role, email FROM "Invitation"
    WHERE "tokenHash" = ${hashToken(token)} AND "acceptedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
    FOR UPDATE`;
  const row = rows[0];
  if (!row || row.email.toLowerCase() !== email.toLowerCase()) {
    throw new AppError(
      "FORBIDDEN",
      "This invitation is not valid: it may have expired, been used or revoked, or be for another email address.",
    );
  }
  await tx.invitation.update({ where: { id: row.id }, data: { acceptedAt: new Date() } });
  return { id: row.id, orgId: row.orgId, role: row.role };
}
