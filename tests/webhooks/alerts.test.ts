import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/service";
import { scanKeyAlerts } from "@/lib/webhooks/alerts";
import { createOrgWithMembers } from "../support/fixtures";
import { auditFor } from "../support/registries";

// Times are moved in the database (its clock decides), never waited for.

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;

async function keyOf(org: Org) {
  const { key } = await createKey(org.owner, { name: "alerted", expiresAt: null } as never, auditFor(org.owner));
  return key.id;
}
const setExpiry = (id: string, interval: string) =>
  db().$executeRawUnsafe(`UPDATE "ApiKey" SET "expiresAt" = now() + interval '${interval}' WHERE id = $1::uuid`, id);
const alertsOf = async (orgId: string) =>
  (
    await db().webhookEvent.findMany({
      where: { orgId, type: { in: ["key.expiring", "key.expired", "key.unused"] } },
      orderBy: { createdAt: "asc" },
    })
  ).map((event) => ({ type: event.type, threshold: (event.data as { threshold?: string }).threshold }));

describe("lifecycle alerts", () => {
  it("sends key.expiring 7 days and 1 day before, key.expired after, each once", async () => {
    const org = await createOrgWithMembers();
    await db().organization.update({ where: { id: org.orgId }, data: { unusedKeyAlertDays: null } });
    const id = await keyOf(org);
    await setExpiry(id, "3 days");
    await Promise.all([scanKeyAlerts(), scanKeyAlerts()]);
    await scanKeyAlerts();
    expect(await alertsOf(org.orgId)).toEqual([{ type: "key.expiring", threshold: "7d" }]);
    await setExpiry(id, "12 hours");
    await scanKeyAlerts();
    await scanKeyAlerts();
    await setExpiry(id, "-1 hour");
    await scanKeyAlerts();
    await scanKeyAlerts();
    expect(await alertsOf(org.orgId)).toEqual([
      { type: "key.expiring", threshold: "7d" },
      { type: "key.expiring", threshold: "1d" },
      { type: "key.expired", threshold: undefined },
    ]);
  });

  it("sends key.unused after the organisation's number of days without use, again after new use and new disuse", async () => {
    const org = await createOrgWithMembers();
    await db().organization.update({ where: { id: org.orgId }, data: { unusedKeyAlertDays: 30 } });
    const id = await keyOf(org);
    await scanKeyAlerts();
    expect(await alertsOf(org.orgId)).toEqual([]);
    await db().$executeRaw`UPDATE "ApiKey" SET "createdAt" = now() - interval '31 days' WHERE id = ${id}::uuid`;
    await scanKeyAlerts();
    await scanKeyAlerts();
    expect(await alertsOf(org.orgId)).toEqual([{ type: "key.unused", threshold: undefined }]);
    // Used 40 days ago, then nothing: a new period of disuse.
    await db().$executeRaw`UPDATE "ApiKey" SET "lastUsedAt" = now() - interval '40 days' WHERE id = ${id}::uuid`;
    await scanKeyAlerts();
    expect(await alertsOf(org.orgId)).toHaveLength(2);
  });

  it("sends nothing for revoked or disabled keys", async () => {
    const org = await createOrgWithMembers();
    const id = await keyOf(org);
    await db().$executeRaw`UPDATE "ApiKey" SET "disabledAt" = now(), "expiresAt" = now() + interval '2 days' WHERE id = ${id}::uuid`;
    await scanKeyAlerts();
    expect(await alertsOf(org.orgId)).toEqual([]);
  });
});
