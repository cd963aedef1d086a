import { v7 as uuidv7 } from "uuid";
import { auditCtes } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { Prisma, type ApiKey } from "@/lib/db/generated/client";
import { creditsView } from "@/lib/credits/settings";
import { maskedKey, type KeyEnvironment, type KeyType } from "./format";
import type { KeyRole } from "./roles";

/** Everything a new key row needs besides its secret. */
export interface NewKeySettings {
  name: string;
  type: KeyType;
  environment: KeyEnvironment;
  role: KeyRole | null;
  scopes: string[];
  rateLimitPerMinute: number;
  projectId: string | null;
  allowedIps: string[];
  notBefore: Date | null;
  expiresAt: Date | null;
  /** Usage credits (lib/credits); absent: unlimited. */
  remaining?: number | null;
  refillInterval?: string | null;
  refillAmount?: number | null;
  refillDay?: number | null;
  lastRefillAt?: Date | null;
}

export interface HashedSecret {
  keyId: string;
  displayPrefix: string;
  hash: string;
  secretTag: string;
}

/**
 * Inserts a key with its key.create audit event (and webhook event) in ONE statement, so it is
 * atomic on `client` with or without a transaction: a create needs no BEGIN and COMMIT, which on
 * the embedded database's single connection are two of its most expensive round trips. Verifiers
 * hear of the new keyId from the insert trigger "ApiKey_announce_insert". Argon2 runs before:
 * never hold a transaction over it.
 */
export async function insertKey(
  client: Prisma.TransactionClient,
  settings: NewKeySettings,
  secret: HashedSecret,
  creator: { createdBy: string; creatorUserId: string },
  audit: AuditContext,
  extraMetadata: Record<string, string> = {},
): Promise<ApiKey> {
  const id = uuidv7();
  const credits = {
    remaining: settings.remaining ?? null,
    refillInterval: settings.refillInterval ?? null,
    refillAmount: settings.refillAmount ?? null,
    refillDay: settings.refillDay ?? null,
    lastRefillAt: settings.lastRefillAt ?? null,
  };
  const event = auditCtes(audit, {
    action: "key.create",
    targetType: "key",
    targetId: id,
    metadata: {
      name: settings.name,
      maskedValue: maskedKey(secret.displayPrefix),
      type: settings.type,
      environment: settings.environment,
      role: settings.role,
      scopes: settings.scopes,
      projectId: settings.projectId,
      expiresAt: settings.expiresAt?.toISOString() ?? null,
      ...(credits.remaining !== null ? { credits: { ...creditsView(credits) } } : {}),
      ...extraMetadata,
    },
  });
  const rows = await client.$queryRaw<ApiKey[]>`
    WITH new_key AS (
      INSERT INTO "ApiKey" (id, "orgId", name, type, environment, role, scopes, "rateLimitPerMinute", "projectId",
        "allowedIps", "notBefore", "expiresAt", remaining, "refillInterval", "refillAmount", "refillDay", "lastRefillAt",
        "keyId", prefix, hash, "secretTag", "createdBy", "creatorUserId")
      VALUES (${id}::uuid, ${audit.orgId}::uuid, ${settings.name}, ${settings.type}::"KeyType", ${settings.environment},
        ${settings.role}, ${settings.scopes}::text[], ${settings.rateLimitPerMinute}::int, ${settings.projectId}::uuid,
        ${settings.allowedIps}::text[], ${settings.notBefore}::timestamptz, ${settings.expiresAt}::timestamptz,
        ${credits.remaining}::int, ${credits.refillInterval}, ${credits.refillAmount}::int, ${credits.refillDay}::int,
        ${credits.lastRefillAt}::timestamptz, ${secret.keyId}, ${secret.displayPrefix}, ${secret.hash}, ${secret.secretTag},
        ${creator.createdBy}, ${creator.creatorUserId})
      RETURNING *),
    ${event}
    SELECT * FROM new_key`;
  return rows[0]!;
}
