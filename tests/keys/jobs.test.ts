import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/keys/expiry";
import { deleteExpiredKeys } from "@/lib/keys/jobs";
import { createKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

async function keyExpiredDaysAgo(name: string, days: number, orgSession = org.owner) {
  const { key } = await createKey(orgSession, { name, expiresInDays: 7 });
  await db().apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - days * DAY_MS) } });
  return key.id;
}

describe("retention of expired keys", () => {
  it("deletes keys expired longer than the organisation's retention (default 30 days), and nothing else", async () => {
    const old = await keyExpiredDaysAgo("expired 31 days ago", 31);
    const recent = await keyExpiredDaysAgo("expired 29 days ago", 29);
    const live = (await createKey(org.owner, { name: "live" })).key.id;
    const shortRetention = await createOrgWithMembers();
    await db().organization.update({ where: { id: shortRetention.orgId }, data: { keyRetentionDays: 1 } });
    const theirs = await keyExpiredDaysAgo("expired 2 days ago", 2, shortRetention.owner);

    await deleteExpiredKeys();
    const left = new Set(
      (await db().apiKey.findMany({ where: { id: { in: [old, recent, live, theirs] } }, select: { id: true } })).map((k) => k.id),
    );
    expect(left).toEqual(new Set([recent, live]));

    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, action: "key.delete" } });
    expect(event).toMatchObject({ actorId: "system", targetType: "key", targetId: null });
    expect(event.metadata).toMatchObject({ reason: "retention", count: 1, keyIds: [old] });
  });

  it("run by two callers at once, deletes each key exactly once (one audit entry per key)", async () => {
    const racing = await createOrgWithMembers();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await keyExpiredDaysAgo(`race ${i}`, 40, racing.owner));

    const [a, b] = await Promise.all([deleteExpiredKeys(), deleteExpiredKeys()]);
    expect(a + b).toBeGreaterThanOrEqual(ids.length);
    expect(await db().apiKey.count({ where: { id: { in: ids } } })).toBe(0);
    const events = await db().auditEvent.findMany({ where: { orgId: racing.orgId, action: "key.delete" } });
    const logged = events.flatMap((event) => (event.metadata as { keyIds: string[] }).keyIds);
    expect(logged.sort()).toEqual([...ids].sort());
  });
});
