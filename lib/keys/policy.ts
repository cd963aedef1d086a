import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import type { KeyPolicyInput } from "@/lib/validations/keys";
import { addDays, DAY_MS } from "./expiry";

// An organisation's key policy: may keys never expire, the longest lifetime, how long
// expired keys are kept before the retention job deletes them, and whether a leak report
// revokes the key.

export type KeyPolicy = Required<KeyPolicyInput>;

const SELECT = { keyAllowNoExpiry: true, keyMaxLifetimeDays: true, keyRetentionDays: true, revokeLeakedKeys: true } as const;

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

export async function getKeyPolicy(orgId: string, client: Client = db()): Promise<KeyPolicy> {
  const org = await client.organization.findUnique({ where: { id: orgId }, select: SELECT });
  if (!org) throw notFound("Organisation");
  return {
    allowNoExpiry: org.keyAllowNoExpiry,
    maxLifetimeDays: org.keyMaxLifetimeDays,
    retentionDays: org.keyRetentionDays,
    revokeLeakedKeys: org.revokeLeakedKeys,
  };
}

export async function updateKeyPolicy(session: Principal, input: KeyPolicyInput, audit: AuditContext): Promise<KeyPolicy> {
  requirePermission(session, "keys:admin");
  return db().$transaction(async (tx) => {
    const before = await getKeyPolicy(session.orgId, tx);
    const after: KeyPolicy = { ...input, revokeLeakedKeys: input.revokeLeakedKeys ?? before.revokeLeakedKeys };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of ["allowNoExpiry", "maxLifetimeDays", "retentionDays", "revokeLeakedKeys"] as const) {
      if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
    }
    if (Object.keys(changes).length === 0) return before;
    await tx.organization.update({
      where: { id: session.orgId },
      data: {
        keyAllowNoExpiry: after.allowNoExpiry,
        keyMaxLifetimeDays: after.maxLifetimeDays,
        keyRetentionDays: after.retentionDays,
        revokeLeakedKeys: after.revokeLeakedKeys,
      },
    });
    await recordAudit(tx, audit, {
      action: "org.key_policy_update",
      targetType: "organization",
      targetId: session.orgId,
      metadata: { changes },
    });
    return after;
  });
}

/**
 * The expiry a new key gets: a preset (days from now), a date, or none — checked against the
 * policy. Throws a 400 naming expiresAt when the policy forbids it.
 */
export function resolveExpiry(
  request: { expiresInDays?: number; expiresAt?: Date | null },
  policy: KeyPolicy,
  now: Date = new Date(),
): Date | null {
  const expiresAt = request.expiresInDays !== undefined ? addDays(now, request.expiresInDays) : (request.expiresAt ?? null);
  if (expiresAt === null) {
    if (!policy.allowNoExpiry) {
      throw new AppError("VALIDATION_FAILED", "Your organisation requires every key to expire: choose an expiry.", "expiresAt");
    }
    return null;
  }
  if (policy.maxLifetimeDays !== null && expiresAt.getTime() - now.getTime() > policy.maxLifetimeDays * DAY_MS + 60_000) {
    throw new AppError(
      "VALIDATION_FAILED",
      `Your organisation allows keys to live at most ${policy.maxLifetimeDays} days: choose an earlier expiry.`,
      "expiresAt",
    );
  }
  return expiresAt;
}
