import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { canManageKeys, type Session } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { RATE_LIMIT_DEFAULT, type CreateKeyInput } from "@/lib/validations/keys";
import { generateKey } from "./format";
import { hashSecret } from "./hash";
import { notifyKeyChanged } from "./notify";
import { toKeyView } from "./to-view";
import type { CreatedKey, KeyView } from "./view";

function assertCanManage(session: Session): void {
  if (!canManageKeys(session.orgRole)) {
    throw forbidden("Only owners and admins can create, disable or revoke keys.");
  }
}

/** Who acted, when the caller has no request to describe (scripts, tests). */
function contextOf(session: Session, audit?: AuditContext): AuditContext {
  return audit ?? { orgId: session.orgId, actorId: session.userId, ip: null, userAgent: null };
}

export async function listKeys(orgId: string): Promise<KeyView[]> {
  const rows = await db().apiKey.findMany({ where: { orgId }, orderBy: { createdAt: "desc" } });
  const now = new Date();
  return rows.map((row) => toKeyView(row, now));
}

export async function createKey(session: Session, input: CreateKeyInput, audit?: AuditContext): Promise<CreatedKey> {
  assertCanManage(session);
  const generated = generateKey("live");
  const hash = await hashSecret(generated.secret);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        orgId: session.orgId,
        name: input.name,
        keyId: generated.keyId,
        prefix: generated.displayPrefix,
        hash,
        environment: generated.environment,
        createdBy: session.userId,
        expiresAt: input.expiresAt ?? null,
        scopes: input.scopes ?? [],
        rateLimitPerMinute: input.rateLimitPerMinute ?? RATE_LIMIT_DEFAULT,
      },
    });
    await recordAudit(tx, contextOf(session, audit), {
      action: "key.create",
      targetType: "key",
      targetId: created.id,
      metadata: { name: created.name, prefix: created.prefix, scopes: created.scopes, rateLimitPerMinute: created.rateLimitPerMinute },
    });
    return created;
  });
  return { key: toKeyView(row), rawKey: generated.raw };
}

/** Locks the key row of the session's organisation, so status changes apply one after another. */
async function lockKey(tx: Prisma.TransactionClient, session: Session, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ApiKey" WHERE id = ${id}::uuid AND "orgId" = ${session.orgId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("Key");
  return tx.apiKey.findUniqueOrThrow({ where: { id } });
}

/** Revokes a key of the session's organisation. Revoking a revoked key changes nothing. */
export async function revokeKey(session: Session, id: string, audit?: AuditContext): Promise<KeyView> {
  assertCanManage(session);
  const row = await db().$transaction(async (tx) => {
    const key = await lockKey(tx, session, id);
    // A repeated revoke keeps the first revokedAt.
    if (key.status === "revoked") return key;
    const updated = await tx.apiKey.update({ where: { id }, data: { status: "revoked", revokedAt: new Date() } });
    await recordAudit(tx, contextOf(session, audit), { action: "key.revoke", targetType: "key", targetId: id, metadata: { prefix: key.prefix } });
    await notifyKeyChanged(tx, key.keyId);
    return updated;
  });
  return toKeyView(row);
}

/**
 * Switches a key off (verification answers DISABLED) or back on. A revoked key stays revoked:
 * enabling or disabling it is a conflict. Repeating the current state changes nothing.
 */
export async function setKeyDisabled(session: Session, id: string, disabled: boolean, audit?: AuditContext): Promise<KeyView> {
  assertCanManage(session);
  const row = await db().$transaction(async (tx) => {
    const key = await lockKey(tx, session, id);
    if (key.status === "revoked") {
      throw new AppError("CONFLICT", "This key is revoked; a revoked key cannot be disabled or enabled again.");
    }
    if ((key.disabledAt !== null) === disabled) return key;
    const updated = await tx.apiKey.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null } });
    await recordAudit(tx, contextOf(session, audit), {
      action: disabled ? "key.disable" : "key.enable",
      targetType: "key",
      targetId: id,
      metadata: { prefix: key.prefix },
    });
    await notifyKeyChanged(tx, key.keyId);
    return updated;
  });
  return toKeyView(row);
}
