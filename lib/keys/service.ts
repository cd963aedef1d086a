import { canManageKeys, type Session } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import type { CreateKeyInput } from "@/lib/validations/keys";
import { generateKey } from "./format";
import { hashSecret } from "./hash";
import { toKeyView } from "./to-view";
import type { CreatedKey, KeyView } from "./view";

function assertCanManage(session: Session): void {
  if (!canManageKeys(session.orgRole)) {
    throw forbidden("Only owners and admins can create, rotate or revoke keys.");
  }
}

export async function listKeys(orgId: string): Promise<KeyView[]> {
  const rows = await db().apiKey.findMany({ where: { orgId }, orderBy: { createdAt: "desc" } });
  const now = new Date();
  return rows.map((row) => toKeyView(row, now));
}

export async function createKey(session: Session, input: CreateKeyInput): Promise<CreatedKey> {
  assertCanManage(session);
  const generated = generateKey("live");
  const row = await db().apiKey.create({
    data: {
      orgId: session.orgId,
      name: input.name,
      keyId: generated.keyId,
      prefix: generated.displayPrefix,
      hash: await hashSecret(generated.secret),
      environment: generated.environment,
      createdBy: session.userId,
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { key: toKeyView(row), rawKey: generated.raw };
}

/** Revokes a key of the session's organisation. Revoking a revoked key changes nothing. */
export async function revokeKey(session: Session, id: string): Promise<KeyView> {
  assertCanManage(session);
  const client = db();
  // Only an active key changes, so a repeated revoke keeps the first revokedAt.
  await client.apiKey.updateMany({
    where: { id, orgId: session.orgId, status: "active" },
    data: { status: "revoked", revokedAt: new Date() },
  });
  const row = await client.apiKey.findFirst({ where: { id, orgId: session.orgId } });
  if (!row) throw notFound("Key");
  return toKeyView(row);
}

