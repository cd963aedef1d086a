import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { assertCanGrant, canGrant, principalProject, requirePermission, type Principal } from "@/lib/auth/principal";
import { db, queuedWrite } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { requireProject } from "@/lib/projects/service";
import { RATE_LIMIT_DEFAULT, type CreateKeyInput } from "@/lib/validations/keys";
import { sessionAuditContext } from "./audit-context";
import { generateKey, maskedKey, type KeyEnvironment, type KeyType } from "./format";
import { insertKey, type HashedSecret, type NewKeySettings } from "./insert-key";
import { hashSecret } from "./hash";
import { notifyKeyChanged } from "./notify";
import { secretTag } from "./secret-tag";
import { getKeyPolicy, resolveExpiry } from "./policy";
import { PUBLISHABLE_ROLES, ROLE_SCOPES, isPublishableScope, type KeyRole } from "./roles";
import { keyScope, keyScopeWhere } from "./key-scope";
import { withinIssuerLifetime } from "./issuer-bounds";
import { keyStatus } from "./status";
import { toKeyView } from "./to-view";
import { NO_CREDITS, nextCredits } from "@/lib/credits/settings";
import type { CreatedKey, KeyView } from "./view";

export { listKeys } from "./list";

/** Who creates a key: the creator recorded on the row, and the person at the root of the chain. */
export function creatorOf(principal: Principal): { createdBy: string; creatorUserId: string } {
  return { createdBy: principal.userId, creatorUserId: principal.key?.creatorUserId ?? principal.userId };
}

export async function generateHashedKey(
  environment: KeyEnvironment,
  type: KeyType,
): Promise<{ generated: ReturnType<typeof generateKey>; secret: HashedSecret }> {
  const generated = generateKey(environment, type);
  const hash = await hashSecret(generated.secret);
  return {
    generated,
    secret: { keyId: generated.keyId, displayPrefix: generated.displayPrefix, hash, secretTag: secretTag(generated.secret) },
  };
}

/** Role or custom scopes, and the rules for publishable keys (creating and editing). */
export function resolveScopes(input: Pick<CreateKeyInput, "role" | "scopes">, type: KeyType): { role: KeyRole | null; scopes: string[] } {
  if (type === "pk" && input.role !== undefined && !PUBLISHABLE_ROLES.includes(input.role)) {
    throw new AppError("VALIDATION_FAILED", "A publishable key can only have the reader or executor role.", "role");
  }
  if (input.role !== undefined) return { role: input.role, scopes: [...ROLE_SCOPES[input.role]] };
  if (input.scopes === undefined) {
    // No choice made: publishable keys get the executor role; secret keys start without scopes.
    return type === "pk" ? { role: "executor", scopes: [...ROLE_SCOPES.executor] } : { role: null, scopes: [] };
  }
  if (type === "pk") {
    const index = input.scopes.findIndex((scope) => !isPublishableScope(scope));
    if (index >= 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        `A publishable key can only have browser-safe scopes (read or execute, not of keys, members, audit, usage, settings or projects), not ${input.scopes[index]}.`,
        `scopes.${index}`,
      );
    }
  }
  // Any well-formed scope is accepted: the catalogue is what the dashboard offers, and automation
  // (and services checking their own scopes) may use a scope before anyone catalogues it.
  return { role: null, scopes: input.scopes };
}

/** A project-limited caller creates keys of its own project only (given or not). */
async function resolveProject(principal: Principal, requested: string | null | undefined): Promise<string | null> {
  const own = principalProject(principal);
  if (own !== null && requested != null && requested !== own) {
    throw new AppError(
      "AUTHORITY_EXCEEDED",
      "This API key is limited to one project: it can only create keys of that project.",
      "projectId",
    );
  }
  const projectId = own ?? requested ?? null;
  return projectId ? (await requireProject(principal.orgId, projectId)).id : null;
}

/**
 * Creates a key, bounded by its issuer: scopes the issuer holds, the issuer's project, a lifetime
 * within the key policy and — for a key made by a key — within the issuer's own.
 */
export async function createKey(
  session: Principal,
  input: CreateKeyInput,
  audit: AuditContext = sessionAuditContext(session),
): Promise<CreatedKey> {
  requirePermission(session, "keys:write");
  const type = input.type ?? "sk";
  const environment = input.environment ?? "live";
  const { role, scopes } = resolveScopes(input, type);
  assertCanGrant(session, scopes, input.role !== undefined ? "role" : "scopes");
  const projectId = await resolveProject(session, input.projectId);
  // "7 days" counts from the database's clock, not this host's (lib/db/db-clock.ts).
  const now = await dbClock().now();
  const expiresAt = withinIssuerLifetime(session, resolveExpiry(input, await getKeyPolicy(session.orgId), now));
  const notBefore = input.notBefore ?? null;
  if (notBefore && expiresAt && notBefore.getTime() >= expiresAt.getTime()) {
    throw new AppError("VALIDATION_FAILED", "notBefore must be before the expiry.", "notBefore");
  }
  const settings: NewKeySettings = {
    name: input.name,
    type,
    environment,
    role,
    scopes,
    rateLimitPerMinute: input.rateLimitPerMinute ?? RATE_LIMIT_DEFAULT,
    projectId,
    allowedIps: input.allowedIps ?? [],
    notBefore,
    expiresAt,
    ...nextCredits(NO_CREDITS, { remaining: input.remaining, refill: input.refill }, now),
  };
  const { generated, secret } = await generateHashedKey(environment, type);
  // One statement (lib/keys/insert-key.ts): atomic without a transaction; queued on the embedded database.
  const row = await queuedWrite(() => insertKey(db(), settings, secret, creatorOf(session), { ...audit, orgId: session.orgId }));
  return { key: toKeyView(row), rawKey: generated.raw };
}

/**
 * Locks a key the caller may change, so status changes apply one after another: 404 outside its
 * scope, 403 AUTHORITY_EXCEEDED for a key with scopes the caller does not hold (a caller may only
 * change keys it could have created).
 */
export async function lockKey(tx: Prisma.TransactionClient, principal: Principal, id: string) {
  const scope = keyScope(principal);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ApiKey" WHERE id = ${id}::uuid AND "orgId" = ${scope.orgId}::uuid FOR UPDATE`;
  const key = rows.length === 0 ? null : await tx.apiKey.findFirst({ where: { id, ...keyScopeWhere(scope) } });
  if (!key) throw notFound("Key");
  if (!canGrant(principal, key.scopes)) {
    throw new AppError("AUTHORITY_EXCEEDED", "This key has scopes you do not hold; only someone who holds them can change it.");
  }
  return key;
}

export function rotatedConflict(revokesAt: Date | null): AppError {
  const when = revokesAt ? ` It stops working at ${revokesAt.toISOString()}; disable it to stop it sooner.` : "";
  return new AppError("CONFLICT", `This key has been rotated already.${when}`);
}

/**
 * Revokes a key of the session's organisation. Revoking a revoked key changes nothing; a key that
 * was rotated is a conflict (409): its replacement decides when it stops, and a concurrent
 * rotate and revoke must not both succeed.
 */
export async function revokeKey(session: Principal, id: string, audit: AuditContext = sessionAuditContext(session)): Promise<KeyView> {
  requirePermission(session, "keys:write");
  const row = await db().$transaction(async (tx) => {
    const key = await lockKey(tx, session, id);
    if (key.replacedById !== null) throw rotatedConflict(key.revokesAt);
    // A repeated revoke keeps the first revokedAt.
    if (key.status === "revoked") return key;
    const updated = await tx.apiKey.update({ where: { id }, data: { status: "revoked", revokedAt: new Date() } });
    await notifyKeyChanged(tx, key.keyId);
    await recordAudit(tx, audit, {
      action: "key.revoke",
      targetType: "key",
      targetId: id,
      metadata: { name: key.name, maskedValue: maskedKey(key.prefix) },
    });
    return updated;
  });
  return toKeyView(row);
}

/**
 * Switches a key off (verification answers DISABLED) or back on. A revoked key — also one past
 * its rotation grace — stays revoked: enabling or disabling it is a conflict. Repeating the
 * current state changes nothing.
 */
export async function setKeyDisabled(
  session: Principal,
  id: string,
  disabled: boolean,
  audit: AuditContext = sessionAuditContext(session),
): Promise<KeyView> {
  requirePermission(session, "keys:write");
  const now = await dbClock().now(); // before the transaction: the embedded database has one connection
  const row = await db().$transaction(async (tx) => {
    const key = await lockKey(tx, session, id);
    if (keyStatus(key, now) === "revoked") {
      throw new AppError("CONFLICT", "This key is revoked; a revoked key cannot be disabled or enabled again.");
    }
    if ((key.disabledAt !== null) === disabled) return key;
    const updated = await tx.apiKey.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null } });
    await notifyKeyChanged(tx, key.keyId);
    await recordAudit(tx, audit, {
      action: disabled ? "key.disable" : "key.enable",
      targetType: "key",
      targetId: id,
      metadata: { name: key.name, maskedValue: maskedKey(key.prefix) },
    });
    return updated;
  });
  return toKeyView(row);
}
