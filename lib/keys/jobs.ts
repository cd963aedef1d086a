import { recordAudit } from "@/lib/audit/record";
import { systemAuditContext } from "@/lib/audit/context";
import { db } from "@/lib/db/client";
import { dbClock, MAX_CLOCK_SKEW_MS, skewTooLarge } from "@/lib/db/db-clock";
import { notifyKeyChanged } from "./notify";

// Scheduled key maintenance. Both jobs are safe on several instances at once: every row is
// claimed with FOR UPDATE SKIP LOCKED inside the transaction that changes it, so two runners
// never process the same key, and neither waits for the other. Time is the database's (`now()` in
// the SQL): an instance whose clock is off cannot revoke or delete early (lib/db/db-clock.ts).

const BATCH = 1000;

/** Marks rotated keys whose grace has ended as revoked (verification already refuses them). */
export async function revokeKeysPastGrace(): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; orgId: string; keyId: string; name: string; revokesAt: Date }[]>`
        UPDATE "ApiKey" SET status = 'revoked', "revokedAt" = "revokesAt"
        WHERE id IN (
          SELECT id FROM "ApiKey" WHERE status = 'active' AND "revokesAt" <= now()
          ORDER BY "revokesAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING id, "orgId", "keyId", name, "revokesAt"`;
      for (const row of rows) {
        await notifyKeyChanged(tx, row.keyId);
        await recordAudit(tx, systemAuditContext(row.orgId), {
          action: "key.revoke",
          targetType: "key",
          targetId: row.id,
          metadata: { name: row.name, reason: "rotation grace ended" },
        });
      }
      return rows.length;
    });
    total += count;
    if (count < BATCH) return total;
  }
}

export class ClockSkewError extends Error {
  constructor(readonly skewMs: number) {
    super(
      `Retention did not delete anything: this host's clock is ${Math.round(skewMs / 1000)} s off the database's (more than ${MAX_CLOCK_SKEW_MS / 1000} s). Fix the clock (NTP) first.`,
    );
    this.name = "ClockSkewError";
  }
}

/**
 * Deletes keys that expired more than their organisation's retention period ago
 * (Organization.keyRetentionDays, default 30) by the database's clock. Each batch's deletion and
 * its key.delete audit event (one per organisation, listing the key ids) commit together. Refuses
 * (ClockSkewError) while this instance's clock and the database's disagree by more than a minute:
 * deleting is permanent, and a disagreement means one of the two clocks is wrong.
 */
export async function deleteExpiredKeys(): Promise<number> {
  const clock = dbClock();
  await clock.check();
  if (skewTooLarge(clock.reading)) throw new ClockSkewError(clock.reading!.skewMs);
  let total = 0;
  for (;;) {
    const count = await db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; orgId: string; keyId: string }[]>`
        DELETE FROM "ApiKey" WHERE id IN (
          SELECT k.id FROM "ApiKey" k JOIN "Organization" o ON o.id = k."orgId"
          WHERE k."expiresAt" < now() - make_interval(days => o."keyRetentionDays")
          LIMIT ${BATCH} FOR UPDATE OF k SKIP LOCKED)
        RETURNING id, "orgId", "keyId"`;
      const byOrg = new Map<string, string[]>();
      for (const row of rows) byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row.id]);
      for (const [orgId, keyIds] of byOrg) {
        await recordAudit(tx, systemAuditContext(orgId), {
          action: "key.delete",
          targetType: "key",
          targetId: null,
          metadata: { reason: "retention", count: keyIds.length, keyIds },
        });
      }
      for (const row of rows) await notifyKeyChanged(tx, row.keyId);
      return rows.length;
    });
    total += count;
    if (count < BATCH) return total;
  }
}

export async function runKeyJobs(): Promise<{ revoked: number; deleted: number }> {
  return { revoked: await revokeKeysPastGrace(), deleted: await deleteExpiredKeys() };
}
