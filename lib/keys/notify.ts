import type { Prisma } from "@/lib/db/generated/client";

/** The PostgreSQL channel every verifier listens on (lib/verify/key-change-listener.ts). */
export const KEY_CHANGES_CHANNEL = "keysmith_key_changes";

/**
 * Tells every running verifier that a key's state changed; the payload is the public keyId.
 * Every write to a column verification reads (lib/verify/key-state-store.ts), and every delete,
 * must call it (an insert announces itself: the trigger "ApiKey_announce_insert"): verifiers keep
 * key state for as long as their listener is caught up (up to 5 minutes), so a change without it
 * is seen only when that entry ages out.
 * Sent inside the change's transaction: PostgreSQL delivers it only if the change commits.
 */
export async function notifyKeyChanged(tx: Prisma.TransactionClient, keyId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_notify(${KEY_CHANGES_CHANNEL}, ${keyId})::text AS sent`;
}

/** notifyKeyChanged outside a transaction (a change already committed, e.g. credits spent in the database). */
export async function notifyKeyChangedNow(keyId: string): Promise<void> {
  const { db } = await import("@/lib/db/client");
  await db().$queryRaw`SELECT pg_notify(${KEY_CHANGES_CHANNEL}, ${keyId})::text AS sent`;
}
