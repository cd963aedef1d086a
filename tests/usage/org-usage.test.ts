import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseRawKey } from "@/lib/keys/format";
import { createKey, revokeKey, setKeyDisabled } from "@/lib/keys/service";
import { createProject } from "@/lib/projects/service";
import { keyDailyUsage } from "@/lib/usage/key-usage";
import { orgUsage } from "@/lib/usage/org-usage";
import { usagePeriod } from "@/lib/usage/period";
import { writeUsageToDb } from "@/lib/usage/write-usage";
import { createOrgWithMembers } from "../support/fixtures";

// Aggregation over KeyUsageDay rows written by the real flush, with a fixed "now" so the
// periods are known: today is 2026-11-23, the last 30 days start on 2026-10-25.
const NOW = new Date("2026-11-23T15:00:00Z");

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;
let org: Org;
let other: Org;
const ids: Record<string, string> = {};

async function used(id: string, days: Record<string, number>) {
  const entries = Object.entries(days).map(([day, count]) => ({ day, count }));
  const count = entries.reduce((sum, d) => sum + d.count, 0);
  await writeUsageToDb([{ id, count, lastUsedAt: NOW, days: entries }]);
}

beforeAll(async () => {
  org = await createOrgWithMembers();
  other = await createOrgWithMembers();
  const billing = await createProject(org.owner, "Billing", { orgId: org.orgId, actorId: org.owner.userId, ip: null, userAgent: null });
  ids.billing = billing.id;
  ids.ownerBusy = (await createKey(org.owner, { name: "owner busy", projectId: billing.id })).key.id;
  ids.ownerQuiet = (await createKey(org.owner, { name: "owner quiet" })).key.id;
  ids.adminKey = (await createKey(org.admin, { name: "admin key" })).key.id;
  ids.revoked = (await createKey(org.admin, { name: "admin revoked" })).key.id;
  ids.disabled = (await createKey(org.owner, { name: "owner disabled" })).key.id;
  ids.unused = (await createKey(org.owner, { name: "owner unused" })).key.id;
  ids.foreign = (await createKey(other.owner, { name: "foreign" })).key.id;

  await used(ids.ownerBusy!, { "2026-11-23": 50, "2026-11-22": 30, "2026-10-25": 5, "2026-10-24": 1000 });
  await used(ids.ownerQuiet!, { "2026-11-23": 2 });
  await used(ids.adminKey!, { "2026-11-20": 40, "2026-11-23": 1 });
  await used(ids.revoked!, { "2026-11-01": 7 });
  await used(ids.foreign!, { "2026-11-23": 999 });
  await revokeKey(org.admin, ids.revoked!);
  await setKeyDisabled(org.owner, ids.disabled!, true);
});

describe("organisation usage", () => {
  it("sums every key per UTC day over the period, with zeros for quiet days", async () => {
    const usage = await orgUsage(org.orgId, 30, NOW);
    expect(usage.period).toEqual({ from: "2026-10-25", to: "2026-11-23", days: 30 });
    expect(usage.daily).toHaveLength(30);
    expect(usage.daily[0]).toEqual({ day: "2026-10-25", count: 5 });
    expect(usage.daily.at(-1)).toEqual({ day: "2026-11-23", count: 53 });
    const byDay = Object.fromEntries(usage.daily.map((d) => [d.day, d.count]));
    expect(byDay).toMatchObject({ "2026-11-22": 30, "2026-11-20": 40, "2026-11-01": 7, "2026-11-21": 0 });
    // 2026-10-24 is outside the period; the other organisation's 999 never counts.
    expect(usage.totals).toEqual({ keys: 6, activeKeys: 4, verifications: 5 + 30 + 50 + 2 + 40 + 1 + 7 });
  });

  it("ranks the top keys by verifications in the period and names their status", async () => {
    const { topKeys } = await orgUsage(org.orgId, 30, NOW);
    expect(topKeys.map((k) => [k.name, k.count, k.status])).toEqual([
      ["owner busy", 85, "active"],
      ["admin key", 41, "active"],
      ["admin revoked", 7, "revoked"],
      ["owner quiet", 2, "active"],
    ]);
    const today = await orgUsage(org.orgId, 1, NOW);
    expect(today.topKeys.map((k) => [k.name, k.count])).toEqual([
      ["owner busy", 50],
      ["owner quiet", 2],
      ["admin key", 1],
    ]);
  });

  it("groups usage by the member who created the key, with their email and key count", async () => {
    const { byMember } = await orgUsage(org.orgId, 30, NOW);
    expect(byMember).toEqual([
      { id: org.owner.userId, label: expect.stringMatching(/^owner-.*@example\.test$/), keys: 4, count: 87 },
      { id: org.admin.userId, label: expect.stringMatching(/^admin-.*@example\.test$/), keys: 2, count: 48 },
    ]);
  });

  it("groups usage by project, keys for every project together", async () => {
    const { byProject } = await orgUsage(org.orgId, 30, NOW);
    expect(byProject).toEqual([
      { id: ids.billing, label: "Billing", keys: 1, count: 85 },
      { id: null, label: "No project (every project)", keys: 5, count: 50 },
    ]);
  });

  it("labels keys created by an API key with that key's name", async () => {
    const automation = await createKey(org.owner, { name: "automation", scopes: ["keys:write"] });
    const actor = `apikey:${parseRawKey(automation.rawKey)!.keyId}`;
    const made = await db().apiKey.create({
      data: {
        orgId: org.orgId,
        name: "made by ci",
        keyId: "ci0000000001",
        prefix: "ks_live_ci00",
        hash: "x",
        environment: "live",
        createdBy: actor,
      },
    });
    await used(made.id, { "2026-11-23": 3 });
    const { byMember } = await orgUsage(org.orgId, 1, NOW);
    expect(byMember).toContainEqual({ id: actor, label: 'API key "automation"', keys: 1, count: 3 });
    await db().apiKey.delete({ where: { id: made.id } });
    await db().apiKey.delete({ where: { id: automation.key.id } });
  });
});

describe("one key's usage", () => {
  it("lists every day of the period oldest first, zeros included", async () => {
    const days = await keyDailyUsage(org.orgId, ids.ownerBusy!, 30, NOW);
    expect(days.map((d) => d.day)).toEqual(usagePeriod(30, NOW).days);
    expect(days.filter((d) => d.count > 0)).toEqual([
      { day: "2026-10-25", count: 5 },
      { day: "2026-11-22", count: 30 },
      { day: "2026-11-23", count: 50 },
    ]);
    expect(await keyDailyUsage(org.orgId, ids.unused!, 3, NOW)).toEqual([
      { day: "2026-11-21", count: 0 },
      { day: "2026-11-22", count: 0 },
      { day: "2026-11-23", count: 0 },
    ]);
  });

  it("is not found from another organisation", async () => {
    await expect(keyDailyUsage(other.orgId, ids.ownerBusy!, 30, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("goes with the key when the key is deleted", async () => {
    const { key } = await createKey(org.owner, { name: "short-lived" });
    await used(key.id, { "2026-11-23": 4 });
    await db().apiKey.delete({ where: { id: key.id } });
    expect(await db().keyUsageDay.count({ where: { keyId: key.id } })).toBe(0);
  });
});
