import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { assertCanGrant, requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import { AppError, notFound } from "@/lib/errors";
import { capToIssuerLifetime } from "./issuer-bounds";
import { keyScope, keyScopeWhere } from "./key-scope";
import type { RotationGrace } from "@/lib/validations/keys";
import { sessionAuditContext } from "./audit-context";
import type { KeyEnvironment } from "./format";
import { notifyKeyChanged } from "./notify";
import { getKeyPolicy, resolveExpiry } from "./policy";
import { isKeyRole } from "./roles";
import { insertKey, type NewKeySettings } from "./insert-key";
import { creatorOf, generateHashedKey, lockKey, rotatedConflict } from "./service";
import { isUsable, keyStatus } from "./status";
import { toKeyView } from "./to-view";
import type { CreatedKey, KeyView } from "./view";

export const GRACE_MS: Record<RotationGrace, number> = { none: 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };

export interface RotatedKey extends CreatedKey {
  /** The old key, now revoked or counting down to `revokesAt`. */
  previous: KeyView;
}

/**
 * Rotates ("rolls") a key: a new key with the same settings — name, type, environment, role and
 * scopes, rate limit, project, IP allowlist, and the same lifetime from now if the old one had
 * an expiry — and the old key stops at the end of the grace period (at once for "none").
 * Rotation never widens anything: the caller must hold every scope of the key (so a keys:write
 * key cannot rotate an admin key to receive its replacement), and a key rotated by an API key
 * does not outlive that key. The new key's creator is the caller.
 * One transaction holding the old key's row lock: a concurrent rotate or revoke of the same
 * key waits, then finds it rotated and answers 409; on any failure nothing changes.
 */
export async function rotateKey(
  session: Principal,
  id: string,
  grace: RotationGrace,
  audit: AuditContext = sessionAuditContext(session),
): Promise<RotatedKey> {
  requirePermission(session, "keys:write");
  const old = await db().apiKey.findFirst({ where: { id, ...keyScopeWhere(keyScope(session)) } });
  if (!old) throw notFound("Key");
  assertCanGrant(session, old.scopes);
  const now = await dbClock().now(); // grace ends by the database's clock, as verification judges them
  const lifetime = old.expiresAt ? old.expiresAt.getTime() - old.createdAt.getTime() : null;
  const policyExpiry = resolveExpiry(
    { expiresAt: lifetime === null ? null : new Date(now.getTime() + lifetime) },
    await getKeyPolicy(session.orgId),
    now,
  );
  const expiresAt = capToIssuerLifetime(session, policyExpiry);
  const settings: NewKeySettings = {
    name: old.name,
    type: old.type,
    environment: old.environment as KeyEnvironment,
    role: isKeyRole(old.role) ? old.role : null,
    scopes: old.scopes,
    rateLimitPerMinute: old.rateLimitPerMinute,
    projectId: old.projectId,
    allowedIps: old.allowedIps,
    notBefore: null,
    expiresAt,
    // The credits go with the key (as last written back): a rotation neither grants nor takes uses.
    remaining: old.remaining,
    refillInterval: old.refillInterval,
    refillAmount: old.refillAmount,
    refillDay: old.refillDay,
    lastRefillAt: old.lastRefillAt,
  };
  const { generated, secret } = await generateHashedKey(settings.environment, settings.type);

  const { created, previous } = await db().$transaction(async (tx) => {
    const locked = await lockKey(tx, session, id);
    if (locked.replacedById !== null) throw rotatedConflict(locked.revokesAt);
    const status = keyStatus(locked, now);
    if (!isUsable(status)) {
      throw new AppError("CONFLICT", `Only an active key can be rotated; this one is ${status}.`);
    }
    const context = { ...audit, orgId: session.orgId };
    const created = await insertKey(tx, settings, secret, creatorOf(session), context, { rotatedFrom: id });
    const revokesAt = new Date(now.getTime() + GRACE_MS[grace]);
    const previous = await tx.apiKey.update({
      where: { id },
      data: { replacedById: created.id, revokesAt, ...(grace === "none" ? { status: "revoked" as const, revokedAt: now } : {}) },
    });
    await notifyKeyChanged(tx, locked.keyId);
    // The contract the key detail page reads: targetId is the OLD key.
    await recordAudit(tx, context, {
      action: "key.rotate",
      targetType: "key",
      targetId: id,
      metadata: { newKeyId: created.id, grace, oldKeyRevokesAt: revokesAt.toISOString() },
    });
    return { created, previous };
  });
  return { key: toKeyView(created), rawKey: generated.raw, previous: toKeyView(previous) };
}
