import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/keys/expiry";
import { listKeys } from "@/lib/keys/list";
import { createKey, revokeKey, setKeyDisabled } from "@/lib/keys/service";
import { KEY_STATUSES } from "@/lib/keys/status";
import { ageKey } from "../support/age-key";
import { createOrgWithMembers } from "../support/fixtures";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
const ids: Record<string, string> = {};
beforeAll(async () => {
  org = await createOrgWithMembers();
  ids.active = (await createKey(org.owner, { name: "alpha active" })).key.id;
  ids.expiring = (await createKey(org.owner, { name: "bravo expiring", expiresInDays: 7 })).key.id;
  await ageKey(ids.expiring, 6 * 86_400); // the last day of seven: expiring
  ids.expired = (await createKey(org.owner, { name: "charlie expired", expiresInDays: 30 })).key.id;
  await db().apiKey.update({ where: { id: ids.expired }, data: { expiresAt: new Date(Date.now() - DAY_MS) } });
  ids.disabled = (await createKey(org.owner, { name: "delta disabled" })).key.id;
  await setKeyDisabled(org.owner, ids.disabled, true);
  ids.revoked = (await createKey(org.owner, { name: "echo revoked" })).key.id;
  await revokeKey(org.owner, ids.revoked);
  ids.graceOver = (await createKey(org.owner, { name: "foxtrot grace over" })).key.id;
  await db().apiKey.update({ where: { id: ids.graceOver }, data: { revokesAt: new Date(Date.now() - 1000) } });
  ids.pk = (await createKey(org.owner, { name: "golf publishable", type: "pk" })).key.id;
  await db().apiKey.update({ where: { id: ids.active }, data: { lastUsedAt: new Date(), usageCount: 10 } });
});

describe("listKeys", () => {
  it("filters by status with the same rule as keyStatus()", async () => {
    for (const status of KEY_STATUSES) {
      const page = await listKeys(org.orgId, { status, pageSize: 100 });
      for (const key of page.data) expect(key.status).toBe(status);
    }
    const names = async (status: (typeof KEY_STATUSES)[number]) => (await listKeys(org.orgId, { status })).data.map((k) => k.name).sort();
    expect(await names("expiring")).toEqual(["bravo expiring"]);
    expect(await names("expired")).toEqual(["charlie expired"]);
    expect(await names("disabled")).toEqual(["delta disabled"]);
    expect(await names("revoked")).toEqual(["echo revoked", "foxtrot grace over"]);
    expect(await names("active")).toEqual(["alpha active", "golf publishable"]);
  });

  it("filters by type and text (name or prefix, any case)", async () => {
    expect((await listKeys(org.orgId, { type: "pk" })).data.map((k) => k.id)).toEqual([ids.pk]);
    expect((await listKeys(org.orgId, { q: "ALPHA" })).data.map((k) => k.id)).toEqual([ids.active]);
    const pk = (await listKeys(org.orgId, { type: "pk" })).data[0]!;
    expect((await listKeys(org.orgId, { q: pk.prefix })).data.map((k) => k.id)).toEqual([ids.pk]);
  });

  it("paginates with a total and stable order, and sorts by name, last use and usage", async () => {
    const first = await listKeys(org.orgId, { pageSize: 3, page: 1, sort: "name", order: "asc" });
    const second = await listKeys(org.orgId, { pageSize: 3, page: 2, sort: "name", order: "asc" });
    const third = await listKeys(org.orgId, { pageSize: 3, page: 3, sort: "name", order: "asc" });
    expect(first.total).toBe(7);
    expect([...first.data, ...second.data, ...third.data].map((k) => k.name)).toEqual([
      "alpha active",
      "bravo expiring",
      "charlie expired",
      "delta disabled",
      "echo revoked",
      "foxtrot grace over",
      "golf publishable",
    ]);
    // Never-used keys sort last either way.
    expect((await listKeys(org.orgId, { sort: "lastUsedAt", order: "desc" })).data[0]!.id).toBe(ids.active);
    expect((await listKeys(org.orgId, { sort: "lastUsedAt", order: "asc" })).data[0]!.id).toBe(ids.active);
    expect((await listKeys(org.orgId, { sort: "usageCount", order: "desc" })).data[0]!.id).toBe(ids.active);
  });
});
