import type { Prisma } from "@/lib/db/generated/client";

/** The PostgreSQL channel every verifier listens on (lib/verify/key-change-listener.ts). */
export const KEY_CHANGES_CHANNEL = "keysmith_key_changes";

/**
 * Tells every running verifier that a key's state changed; the payload is the public keyId.
 * Sent inside the change's transaction: PostgreSQL delivers it only if the change commits.
 */
export async function notifyKeyChanged(tx: Prisma.TransactionClient, keyId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_notify(${KEY_CHANGES_CHANNEL}, ${keyId})::text AS sent`;
}
