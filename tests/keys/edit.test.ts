import { beforeAll, describe, expect, it } from "vitest";
import * as tokenById from "@/app/api/tokens/[id]/route";
import { db } from "@/lib/db/client";
import { keyActions } from "@/lib/keys/actions";
import { updateKey } from "@/lib/keys/edit";
import { listKeys } from "@/lib/keys/list";
import { createKey, revokeKey } from "@/lib/keys/service";
import { KEY_STATUSES } from "@/lib/keys/status";
import { createOrgWithMembers } from "../support/fixtures";
import { ageKey } from "../support/age-key";
import { callRoute } from "../support/route";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
/** The owner's admin:* key: route handlers authenticate a key (the session needs a browser). */
let ownerKey: string;
beforeAll(async () => {
  org = await createOrgWithMembers();
  ownerKey = (await createKey(org.owner, { name: "owner's admin key", role: "admin" })).rawKey;
});

const DAY = 24 * 60 * 60 * 1000;
const patch = (id: string, body: unknown, key?: string) =>
  callRoute(tokenById.PATCH, { method: "PATCH", path: `/api/tokens/${id}`, params: { id }, body, key: key ?? ownerKey });

describe("keyActions: one answer for the table, the detail page and the server", () => {
  it("offers Disable for every key that works — expiring ones included — and Enable only for disabled ones", () => {
    const toggles = Object.fromEntries(KEY_STATUSES.map((status) => [status, keyActions({ status, replacedById: null }).toggle]));
    expect(toggles).toEqual({ active: "disable", expiring: "disable", expired: null, revoked: null, disabled: "enable" });
    expect(keyActions({ status: "active", replacedById: "x" })).toEqual({ toggle: "disable", edit: false, rotate: false, revoke: false });
  });

  it("a 7-day key in its last day (expiring) can be disabled through PATCH and then verifies as DISABLED", async () => {
    const { verifier } = await testVerifier({ stateTtlMs: 60_000 });
    const created = await createKey(org.owner, { name: "seven days", expiresInDays: 7 });
    expect(created.key.status).toBe("active");
    await ageKey(created.key.id, 6 * 86_400);
    expect((await listKeys(org.orgId, { q: created.key.keyId })).data[0]!.status).toBe("expiring");
    expect((await verifier.verify(created.rawKey)).code).toBe("VALID");
    const response = await patch(created.key.id, { disabled: true });
    expect(response.status).toBe(200);
    expect((await response.json()).key.status).toBe("disabled");
    await expect.poll(async () => (await verifier.verify(created.rawKey)).code, { timeout: 1_000 }).toBe("DISABLED");
  });
});

describe("PATCH /api/tokens/:id edits a key", () => {
  it("changes every field, audits before and after, and verification reflects it within a second (cache on)", async () => {
    const { verifier } = await testVerifier({ stateTtlMs: 60_000 });
    const created = await createKey(org.owner, { name: "editable", scopes: ["packages:read"] });
    expect((await verifier.verify(created.rawKey)).meta).toBeNull();
    const expiresAt = new Date(Date.now() + 30 * DAY).toISOString();
    const response = await patch(created.key.id, {
      name: "renamed",
      description: "Billing worker",
      meta: { plan: "pro", seats: 3 },
      externalId: "cus_42",
      scopes: ["packages:read", "packages:write"],
      expiresAt,
      allowedIps: ["203.0.113.0/24"],
      rateLimitPerMinute: 77,
    });
    expect(response.status).toBe(200);
    const { key } = await response.json();
    expect(key).toMatchObject({
      name: "renamed",
      description: "Billing worker",
      meta: { plan: "pro", seats: 3 },
      externalId: "cus_42",
      scopes: ["packages:read", "packages:write"],
      role: null,
      expiresAt,
      allowedIps: ["203.0.113.0/24"],
      rateLimitPerMinute: 77,
    });

    await expect
      .poll(
        async () => {
          const result = await verifier.verify(created.rawKey, { clientIp: "203.0.113.9" });
          return {
            name: result.name,
            meta: result.meta,
            scopes: result.scopes,
            expiresAt: result.expiresAt,
            limit: result.ratelimit?.limit,
          };
        },
        { timeout: 1_000 },
      )
      .toEqual({ name: "renamed", meta: { plan: "pro", seats: 3 }, scopes: ["packages:read", "packages:write"], expiresAt, limit: 77 });
    expect((await verifier.verify(created.rawKey, { clientIp: "198.51.100.1" })).code).toBe("IP_NOT_ALLOWED");

    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, action: "key.update", targetId: created.key.id } });
    const changes = (event.metadata as { changes: Record<string, { from: unknown; to: unknown }> }).changes;
    expect(changes.name).toEqual({ from: "editable", to: "renamed" });
    expect(changes.meta).toEqual({ from: null, to: { plan: "pro", seats: 3 } });
    expect(changes.rateLimitPerMinute).toEqual({ from: 300, to: 77 });
    expect(changes.expiresAt).toEqual({ from: null, to: expiresAt });
    expect(Object.keys(changes).sort()).toEqual([
      "allowedIps",
      "description",
      "expiresAt",
      "externalId",
      "meta",
      "name",
      "rateLimitPerMinute",
      "scopes",
    ]);
  });

  it("clears meta, externalId and the expiry with null, and records nothing when nothing changes", async () => {
    const created = await createKey(org.owner, { name: "clearable", expiresInDays: 30 });
    await updateKey(org.owner, created.key.id, { meta: { a: 1 }, externalId: "x-1" });
    const cleared = await updateKey(org.owner, created.key.id, { meta: null, externalId: null, expiresAt: null });
    expect(cleared).toMatchObject({ meta: null, externalId: null, expiresAt: null });
    const before = await db().auditEvent.count({ where: { targetId: created.key.id } });
    await updateKey(org.owner, created.key.id, { name: "clearable" });
    expect(await db().auditEvent.count({ where: { targetId: created.key.id } })).toBe(before);
  });

  it("refuses bad input with 400 naming the field, and leaves the key as it was", async () => {
    const created = await createKey(org.owner, { name: "guarded" });
    const cases: [unknown, string][] = [
      [{ meta: [1, 2] }, "meta"],
      [{ meta: { big: "x".repeat(5000) } }, "meta"],
      [{ name: "" }, "name"],
      [{ rateLimitPerMinute: 0 }, "rateLimitPerMinute"],
      [{ allowedIps: ["nope"] }, "allowedIps.0"],
      [{ expiresAt: "2001-01-01T00:00:00Z" }, "expiresAt"],
      [{ role: "reader", scopes: ["a:b"] }, "scopes"],
      [{ unknown: 1 }, ""],
      [{}, ""],
    ];
    for (const [body, field] of cases) {
      const response = await patch(created.key.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()).error;
      if (field) expect(error.field, JSON.stringify(body)).toBe(field);
    }
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.key.id } });
    expect(row).toMatchObject({ name: "guarded", meta: null, rateLimitPerMinute: 300 });
  });

  it("keeps the expiry within the organisation's policy", async () => {
    const strict = await createOrgWithMembers();
    const strictKey = (await createKey(strict.owner, { name: "strict admin", role: "admin" })).rawKey;
    await db().organization.update({ where: { id: strict.orgId }, data: { keyAllowNoExpiry: false, keyMaxLifetimeDays: 30 } });
    const created = await createKey(strict.owner, { name: "policy", expiresInDays: 7 });
    const patch = (id: string, body: unknown) =>
      callRoute(tokenById.PATCH, { method: "PATCH", path: `/api/tokens/${id}`, params: { id }, body, key: strictKey });
    const never = await patch(created.key.id, { expiresAt: null });
    expect([never.status, (await never.json()).error.field]).toEqual([400, "expiresAt"]);
    const tooLong = await patch(created.key.id, { expiresInDays: 90 });
    expect([tooLong.status, (await tooLong.json()).error.field]).toEqual([400, "expiresAt"]);
    expect((await patch(created.key.id, { expiresInDays: 30 })).status).toBe(200);
  });

  it("an editor cannot give a key scopes beyond its own (403), nor edit a key stronger than itself", async () => {
    const editor = await createKey(org.owner, { name: "editor", scopes: ["keys:write", "packages:read"] });
    const weak = await createKey(org.owner, { name: "weak", scopes: ["packages:read"] });
    const widen = await patch(weak.key.id, { scopes: ["packages:read", "admin:*"] }, editor.rawKey);
    expect([widen.status, (await widen.json()).error.code]).toEqual([403, "AUTHORITY_EXCEEDED"]);
    const strong = await createKey(org.owner, { name: "strong", scopes: ["members:write"] });
    const rename = await patch(strong.key.id, { name: "mine now" }, editor.rawKey);
    expect(rename.status).toBe(403);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: weak.key.id } })).scopes).toEqual(["packages:read"]);
    expect((await patch(weak.key.id, { description: "ok" }, editor.rawKey)).status).toBe(200);
    const member = await updateKey(org.member, weak.key.id, { name: "x" }).catch((error: { code: string }) => error.code);
    expect(member).toBe("FORBIDDEN");
  });

  it("a revoked key cannot be edited (409)", async () => {
    const created = await createKey(org.owner, { name: "gone" });
    await revokeKey(org.owner, created.key.id);
    const response = await patch(created.key.id, { name: "back" });
    expect(response.status).toBe(409);
  });
});

describe("finding a key by anything", () => {
  it("by name, prefix, key id, externalId, id, or a pasted full key", async () => {
    const created = await createKey(org.owner, { name: "findable needle" });
    await updateKey(org.owner, created.key.id, { externalId: "acct-needle-7" });
    const keyId = created.key.keyId;
    const ids = async (q: string) => (await listKeys(org.orgId, { q })).data.map((key) => key.id);
    for (const q of ["needle", created.key.prefix, keyId, "acct-needle-7", created.key.id, created.rawKey, ` ${created.rawKey} `]) {
      expect(await ids(q), q).toContain(created.key.id);
    }
    expect(await ids("acct-needle")).not.toContain(created.key.id); // externalId matches whole
    expect((await listKeys(org.orgId, { externalId: "acct-needle-7" })).data.map((key) => key.id)).toEqual([created.key.id]);
  });
});
