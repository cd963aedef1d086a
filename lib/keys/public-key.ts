import { recordAudit } from "@/lib/audit/record";
import type { RequestOrigin } from "@/lib/audit/types";
import { assertCanGrant, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import { AppError, forbidden } from "@/lib/errors";
import { requireProject } from "@/lib/projects/service";
import { RATE_LIMIT_DEFAULT } from "@/lib/validations/keys";
import type { KeyEnvironment } from "./format";
import { capToIssuerLifetime } from "./issuer-bounds";
import { notifyKeyChanged } from "./notify";
import { getKeyPolicy } from "./policy";
import { ROLE_SCOPES } from "./roles";
import { insertKey } from "./insert-key";
import { creatorOf, generateHashedKey } from "./service";

// GET /api/tokens/pk: a server holding a secret key (application role or admin) asks for a
// publishable key to hand to a browser page. Keysmith stores only hashes, so an existing key's
// value cannot be returned: every request mints a fresh short-lived pk (executor role, default
// TTL 24 h), and at most PK_LIVE_MAX of them stay live per requesting key, name and project —
// the oldest beyond that are revoked in the same transaction.

export const PK_DEFAULT_TTL_SECONDS = 24 * 3600;
export const PK_LIVE_MAX = 5;
export const PK_DEFAULT_NAME = "Publishable key (generated)";

export interface PublicKeyRequest {
  name?: string;
  projectId?: string;
  ttl?: number;
}

/**
 * Mints a publishable key for a secret key holding keys:pk (the route's declaration checks it).
 * The pk gets the executor role, which the caller must hold itself, and never outlives it.
 */
export async function requestPublicKey(
  principal: Principal,
  input: PublicKeyRequest,
  origin: RequestOrigin,
): Promise<{ expiresAt: string; value: string }> {
  const caller = principal.key;
  if (caller?.type !== "sk") throw forbidden("Only a secret (sk) key can request publishable keys.");
  assertCanGrant(principal, ROLE_SCOPES.executor, "role");
  const orgId = principal.orgId;
  const source = await db().apiKey.findUniqueOrThrow({ where: { keyId: caller.keyId }, select: { environment: true } });

  let projectId = caller.projectId;
  if (input.projectId !== undefined) {
    if (caller.projectId !== null && input.projectId !== caller.projectId) {
      throw forbidden("This key is limited to another project; it can only request publishable keys for its own.");
    }
    projectId = (await requireProject(orgId, input.projectId)).id;
  }
  const ttl = input.ttl ?? PK_DEFAULT_TTL_SECONDS;
  const policy = await getKeyPolicy(orgId);
  if (policy.maxLifetimeDays !== null && ttl > policy.maxLifetimeDays * 86_400) {
    throw new AppError(
      "VALIDATION_FAILED",
      `ttl exceeds your organisation's maximum key lifetime of ${policy.maxLifetimeDays} days.`,
      "ttl",
    );
  }
  const now = await dbClock().now();
  const name = input.name ?? PK_DEFAULT_NAME;
  const environment = source.environment as KeyEnvironment;
  const { generated, secret } = await generateHashedKey(environment, "pk");
  const actorId = principal.userId;
  const expiresAt = capToIssuerLifetime(principal, new Date(now.getTime() + ttl * 1000))!;
  const audit = { orgId, actorId, ...origin };

  const row = await db().$transaction(async (tx) => {
    // Serialises requests for the same name and project, so the live-key cap holds under concurrency.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pk:${orgId}:${actorId}:${name}:${projectId ?? ""}`}, 0))`;
    const created = await insertKey(
      tx,
      {
        name,
        type: "pk",
        environment,
        role: "executor",
        scopes: [...ROLE_SCOPES.executor],
        rateLimitPerMinute: RATE_LIMIT_DEFAULT,
        projectId,
        allowedIps: [],
        notBefore: null,
        expiresAt,
      },
      secret,
      creatorOf(principal),
      audit,
      { requestedBy: actorId },
    );
    const live = await tx.apiKey.findMany({
      where: { orgId, type: "pk", name, projectId, createdBy: actorId, status: "active", expiresAt: { gt: now } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: PK_LIVE_MAX,
      select: { id: true, keyId: true },
    });
    for (const old of live) {
      await tx.apiKey.update({ where: { id: old.id }, data: { status: "revoked", revokedAt: now } });
      await notifyKeyChanged(tx, old.keyId);
      await recordAudit(tx, audit, {
        action: "key.revoke",
        targetType: "key",
        targetId: old.id,
        metadata: { name, reason: `more than ${PK_LIVE_MAX} live publishable keys` },
      });
    }
    return created;
  });
  return { expiresAt: row.expiresAt!.toISOString(), value: generated.raw };
}
