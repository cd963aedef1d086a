import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listKeys } from "@/lib/keys/list";
import { createKey } from "@/lib/keys/service";
import { expiringFrom, KEY_STATUSES } from "@/lib/keys/status";
import { ageKey } from "../support/age-key";
import { createOrgWithMembers } from "../support/fixtures";

// "Expiring" is decided twice: by expiringFrom() (views, badges, the browser) and by the
// ApiKey.expiringAt column a trigger keeps (the list's status filter, on the database's clock).
// Keys of several lifetimes, some time after they were made, must get the same answer from both.

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
/** name → [lifetime in days, days passed since it was made, expected status] */
const CASES: Record<string, [number, number, "active" | "expiring"]> = {
  "7d new": [7, 0, "active"],
  "7d after 5 days": [7, 5, "active"], // 2 days left > 20 % (1.4 days)
  "7d after 6 days": [7, 6, "expiring"],
  "30d after 23 days": [30, 23, "active"], // 7 days left > 6 days (20 %)
  "30d after 25 days": [30, 25, "expiring"],
  "90d after 82 days": [90, 82, "active"], // 8 days left > 7 days
  "90d after 84 days": [90, 84, "expiring"],
  "365d after 360 days": [365, 360, "expiring"],
};

beforeAll(async () => {
  org = await createOrgWithMembers();
  for (const [name, [lifetime, passed]] of Object.entries(CASES)) {
    const { key } = await createKey(org.owner, { name, expiresInDays: lifetime as 7 | 30 | 90 | 365 });
    if (passed > 0) await ageKey(key.id, passed * 86_400);
  }
  // A custom lifetime of 2 hours, 90 minutes in: 30 minutes left > 24 minutes (20 %) — still active.
  const { key } = await createKey(org.owner, { name: "2h after 90 min", expiresAt: new Date(Date.now() + 2 * 3_600_000) });
  await ageKey(key.id, 90 * 60);
  CASES["2h after 90 min"] = [2 / 24, 1.5 / 24, "active"];
});

describe("expiring: one rule for the badge and the status filter", () => {
  it("the column the filter reads is expiringFrom() of each key, to the millisecond", async () => {
    const rows = await db().apiKey.findMany({
      where: { orgId: org.orgId },
      select: { createdAt: true, expiresAt: true, expiringAt: true },
    });
    expect(rows.length).toBe(Object.keys(CASES).length);
    for (const row of rows) expect(row.expiringAt!.getTime()).toBe(expiringFrom(row.createdAt, row.expiresAt!));
  });

  it("each key's view, and the status filter, answer the expected status after time passed", async () => {
    const all = await listKeys(org.orgId, { pageSize: 100 });
    const byName = Object.fromEntries(all.data.map((key) => [key.name, key.status]));
    expect(byName).toEqual(Object.fromEntries(Object.entries(CASES).map(([name, [, , status]]) => [name, status])));
    for (const status of KEY_STATUSES) {
      const filtered = await listKeys(org.orgId, { status, pageSize: 100 });
      expect(filtered.data.map((key) => key.name).sort()).toEqual(
        all.data
          .filter((key) => key.status === status)
          .map((key) => key.name)
          .sort(),
      );
    }
    expect((await listKeys(org.orgId, { status: "expiring" })).total).toBe(4);
  });

  it("an edited expiry moves the column too", async () => {
    const { key } = await createKey(org.owner, { name: "edited", expiresInDays: 365 });
    await db().apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(key.createdAt) } });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.expiringAt!.getTime()).toBe(row.expiresAt!.getTime()); // no lifetime, no warning window
    await db().apiKey.update({ where: { id: key.id }, data: { expiresAt: null } });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).expiringAt).toBeNull();
    await db().apiKey.delete({ where: { id: key.id } });
  });
});
