import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/service";
import { UsageRecorder } from "@/lib/usage/recorder";
import { writeUsageToDb } from "@/lib/usage/write-usage";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

async function daysOf(id: string): Promise<Record<string, number>> {
  const rows = await db().keyUsageDay.findMany({ where: { keyId: id }, orderBy: { day: "asc" } });
  return Object.fromEntries(rows.map((row) => [row.day.toISOString().slice(0, 10), Number(row.count)]));
}
const totalOf = async (id: string) => (await db().apiKey.findUniqueOrThrow({ where: { id } })).usageCount;
const today = () => new Date().toISOString().slice(0, 10);

describe("daily usage", () => {
  it("counts a burst of verifications exactly for today, in the same flush as the key's total", async () => {
    const usage = new UsageRecorder(60_000);
    const { verifier } = await testVerifier({ usage });
    const busy = await createKey(org.owner, { name: "daily burst", rateLimitPerMinute: 10_000 });
    const quiet = await createKey(org.owner, { name: "daily quiet", scopes: ["a:b"] });
    const N = 400;
    await Promise.all([
      ...Array.from({ length: N }, () => verifier.verify(busy.rawKey)),
      ...Array.from({ length: 7 }, () => verifier.verify(quiet.rawKey)),
      // Refused: not counted anywhere.
      ...Array.from({ length: 3 }, () => verifier.verify(quiet.rawKey, { scopes: ["c:d"] })),
    ]);
    expect(await daysOf(busy.key.id)).toEqual({});
    await usage.flush();
    expect(await daysOf(busy.key.id)).toEqual({ [today()]: N });
    expect(await daysOf(quiet.key.id)).toEqual({ [today()]: 7 });
    expect(await totalOf(busy.key.id)).toBe(BigInt(N));

    // A second flush adds to the same day's row.
    await Promise.all(Array.from({ length: 5 }, () => verifier.verify(busy.rawKey)));
    await usage.flush();
    expect(await daysOf(busy.key.id)).toEqual({ [today()]: N + 5 });
    expect(await totalOf(busy.key.id)).toBe(BigInt(N + 5));
    const row = await db().keyUsageDay.findFirstOrThrow({ where: { keyId: busy.key.id } });
    expect(row.orgId).toBe(org.orgId);
  });

  it("splits one flush interval across the UTC days its verifications fell on", async () => {
    const usage = new UsageRecorder(60_000);
    const { key } = await createKey(org.owner, { name: "midnight" });
    const beforeMidnight = new Date("2026-11-20T23:59:59.900Z");
    const afterMidnight = new Date("2026-11-21T00:00:00.100Z");
    for (let i = 0; i < 3; i++) usage.record(key.id, beforeMidnight);
    for (let i = 0; i < 2; i++) usage.record(key.id, afterMidnight);
    await usage.stop();
    expect(await daysOf(key.id)).toEqual({ "2026-11-20": 3, "2026-11-21": 2 });
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.usageCount).toBe(5n);
    expect(stored.lastUsedAt).toEqual(afterMidnight);
  });

  it("writes totals and days in one transaction: a failing day row leaves the total untouched", async () => {
    const { key } = await createKey(org.owner, { name: "atomic" });
    const write = writeUsageToDb([{ id: key.id, count: 4, lastUsedAt: new Date(), days: [{ day: "2026-02-30", count: 4 }] }]);
    await expect(write).rejects.toThrow();
    expect(await totalOf(key.id)).toBe(0n);
    expect(await daysOf(key.id)).toEqual({});
  });

  it("keeps per-day counts of a failed flush for the next one", async () => {
    let fail = true;
    const written: { count: number; days: { day: string; count: number }[] }[] = [];
    const usage = new UsageRecorder(60_000, async (rows) => {
      if (fail) throw new Error("database down");
      written.push(...rows);
    });
    usage.record("k", new Date("2026-11-20T10:00:00Z"));
    await usage.flush();
    usage.record("k", new Date("2026-11-20T11:00:00Z"));
    usage.record("k", new Date("2026-11-21T09:00:00Z"));
    fail = false;
    await usage.stop();
    expect(written).toHaveLength(1);
    expect(written[0]!.count).toBe(3);
    expect(written[0]!.days).toEqual([
      { day: "2026-11-20", count: 2 },
      { day: "2026-11-21", count: 1 },
    ]);
  });
});
