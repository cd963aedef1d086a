import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import { healthReport } from "@/lib/health";
import { DAY_MS } from "@/lib/keys/expiry";
import { ClockSkewError, deleteExpiredKeys } from "@/lib/keys/jobs";
import { listKeys } from "@/lib/keys/list";
import { sessionAuditContext } from "@/lib/keys/audit-context";
import { createKey } from "@/lib/keys/service";
import { createInvitation, listInvitations } from "@/lib/members/invitations";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";

// Each instance's own clock once decided expiry, retention and grace ends: a host 60 days fast
// deleted keys that were still valid, a clock stepped back kept a revoked key verifying. Here this
// process's wall clock is moved (only Date: timers and the monotonic clock keep running) while
// PostgreSQL's stays right, and the database's clock must win.

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;

beforeAll(async () => {
  org = await createOrgWithMembers();
});

afterEach(async () => {
  vi.useRealTimers();
  await dbClock().check(); // the next test starts from a true reading
});

/** Moves this instance's wall clock by `ms`; the database's clock is untouched. */
function skewInstanceClock(ms: number): void {
  const real = Date.now();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(real + ms);
}

/** Sets a key's time columns relative to the database's now() (not this process's clock). */
async function setRelativeToDb(id: string, column: "expiresAt" | "notBefore" | "revokesAt", seconds: number): Promise<void> {
  await db().$executeRawUnsafe(`UPDATE "ApiKey" SET "${column}" = now() + make_interval(secs => $2) WHERE id = $1::uuid`, id, seconds);
}

describe("one clock: the database's", () => {
  it("retention on a host 60 days fast deletes nothing, refuses with the skew, and health says degraded", async () => {
    const valid = await createKey(org.owner, { name: "valid for a week", expiresInDays: 7 });
    const old = await createKey(org.owner, { name: "expired long ago", expiresInDays: 7 });
    await setRelativeToDb(old.key.id, "expiresAt", -40 * 86_400);

    skewInstanceClock(60 * DAY_MS);
    await expect(deleteExpiredKeys()).rejects.toBeInstanceOf(ClockSkewError);
    expect(await db().apiKey.count({ where: { id: { in: [valid.key.id, old.key.id] } } })).toBe(2);
    const health = await healthReport();
    expect(health.body).toMatchObject({ status: "degraded", degraded: [expect.stringMatching(/^clock: /)] });
    expect((health.body as { clockSkewMs: number }).clockSkewMs).toBeGreaterThan(59 * DAY_MS);

    // Clocks agreeing, retention deletes by the database's clock: the old key, with its audit event.
    vi.useRealTimers();
    await deleteExpiredKeys();
    const left = await db().apiKey.findMany({ where: { id: { in: [valid.key.id, old.key.id] } }, select: { id: true } });
    expect(left.map((k) => k.id)).toEqual([valid.key.id]);
    const events = await db().auditEvent.findMany({ where: { orgId: org.orgId, action: "key.delete" } });
    expect(events.flatMap((e) => (e.metadata as { keyIds: string[] }).keyIds)).toEqual([old.key.id]);
  });

  it("within the bound (30 s fast), retention still judges expiry by the database's clock", async () => {
    const justValid = await createKey(org.owner, { name: "retention ends in 20 s" });
    await db().organization.update({ where: { id: org.orgId }, data: { keyRetentionDays: 1 } });
    await setRelativeToDb(justValid.key.id, "expiresAt", -86_400 + 20);
    skewInstanceClock(30_000);
    await deleteExpiredKeys();
    expect(await db().apiKey.count({ where: { id: justValid.key.id } })).toBe(1);
    await db().organization.update({ where: { id: org.orgId }, data: { keyRetentionDays: 30 } });
  });

  it("a clock stepped back keeps no revoked, expired or rotated-away key verifying; a clock ahead makes nothing valid early", async () => {
    const { verifier } = await testVerifier();
    const revoked = await createKey(org.owner, { name: "grace ended 30 s ago" });
    await setRelativeToDb(revoked.key.id, "revokesAt", -30);
    const expired = await createKey(org.owner, { name: "expired 30 s ago" });
    await setRelativeToDb(expired.key.id, "expiresAt", -30);
    const later = await createKey(org.owner, { name: "valid in 30 s" });
    await setRelativeToDb(later.key.id, "notBefore", 30);

    skewInstanceClock(-90_000);
    expect((await verifier.verify(revoked.rawKey)).code).toBe("REVOKED");
    expect((await verifier.verify(expired.rawKey)).code).toBe("EXPIRED");
    expect((await listKeys(org.orgId, { status: "expired", pageSize: 100 })).data.map((k) => k.id)).toContain(expired.key.id);
    expect((await listKeys(org.orgId, { status: "revoked", pageSize: 100 })).data.map((k) => k.id)).toContain(revoked.key.id);

    skewInstanceClock(+90_000);
    expect((await verifier.verify(later.rawKey)).code).toBe("NOT_YET_VALID");
  });

  it("a new key's 7 days and an invitation's 7 days count from the database's clock on a host 60 days fast or slow", async () => {
    for (const skew of [60 * DAY_MS, -60 * DAY_MS]) {
      const { now } = (await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!;
      skewInstanceClock(skew);
      await dbClock().check();
      const created = await createKey(org.owner, { name: `7 days, host ${skew > 0 ? "fast" : "slow"}`, expiresInDays: 7 });
      const { invitation } = await createInvitation(
        org.owner,
        { email: `invitee-${skew > 0 ? "fast" : "slow"}@example.test`, role: "member" },
        sessionAuditContext(org.owner),
      );
      vi.useRealTimers();
      for (const expiresAt of [created.key.expiresAt, invitation.expiresAt]) {
        // Within a minute of the database's now + 7 days (the round trips of this test), never 60 days off.
        expect(Math.abs(new Date(expiresAt!).getTime() - (now.getTime() + 7 * DAY_MS))).toBeLessThan(60_000);
      }
      const pending = await listInvitations(org.orgId);
      expect(pending.map((row) => row.id)).toContain(invitation.id);
    }
  });
});
