import { beforeAll, describe, expect, it } from "vitest";
import { validate } from "@/lib/api/parse";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseRawKey } from "@/lib/keys/format";
import { verifySecret } from "@/lib/keys/hash";
import { createKey, listKeys, revokeKey, setKeyDisabled } from "@/lib/keys/service";
import pg from "pg";
import { createKeySchema } from "@/lib/validations/keys";
import { createOrgWithMembers } from "../support/fixtures";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const input = (name: string, expiresAt?: Date) => ({ name, expiresAt });

describe("createKey", () => {
  it("returns the raw key once and stores only its Argon2id hash", async () => {
    const created = await createKey(org.admin, input("CI deploy"));
    const parsed = parseRawKey(created.rawKey)!;
    expect(parsed).not.toBeNull();
    expect(created.key).toMatchObject({ name: "CI deploy", status: "active", usageCount: 0, lastUsedAt: null });
    expect(created.key.prefix).toBe(created.rawKey.slice(0, 15));
    expect(created.key.maskedValue).toBe(`${created.rawKey.slice(0, 15)}****`);
    expect(created.key).not.toHaveProperty("hash");

    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.key.id } });
    expect(row.keyId).toBe(parsed.keyId);
    expect(row.hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifySecret(row.hash, parsed.secret)).toBe(true);
  });

  it("never writes the raw key or its secret anywhere in the database", async () => {
    const { rawKey } = await createKey(org.owner, input("scan me"));
    const { secret } = parseRawKey(rawKey)!;
    const tables = await db().$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    for (const { table_name } of tables) {
      const rows = await db().$queryRawUnsafe<{ t: string }[]>(`SELECT t::text AS t FROM "${table_name}" AS t`);
      for (const { t } of rows) {
        expect(t).not.toContain(secret);
        expect(t).not.toContain(rawKey);
      }
    }
  });

  it("refuses members: only owners and admins create keys", async () => {
    await expect(createKey(org.member, input("nope"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listKeys(org.orgId)).data.some((k) => k.name === "nope")).toBe(false);
  });

  it("keeps an expiry and derives the expired status from it", async () => {
    const soon = new Date(Date.now() + 60_000);
    const created = await createKey(org.owner, input("short-lived", soon));
    expect(created.key.expiresAt).toBe(soon.toISOString());
    await db().apiKey.update({ where: { id: created.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const listed = (await listKeys(org.orgId)).data.find((k) => k.id === created.key.id)!;
    expect(listed.status).toBe("expired");
  });
});

describe("listKeys", () => {
  it("lists only the organisation's keys, newest first, without secrets", async () => {
    const other = await createOrgWithMembers();
    await createKey(other.owner, input("other org key"));
    const first = await createKey(org.owner, input("older"));
    const second = await createKey(org.owner, input("newer"));
    const keys = (await listKeys(org.orgId)).data;
    expect(keys.map((k) => k.name)).not.toContain("other org key");
    const ids = keys.map((k) => k.id);
    expect(ids.indexOf(second.key.id)).toBeLessThan(ids.indexOf(first.key.id));
    for (const key of keys)
      expect(Object.keys(key).sort()).toEqual([
        "allowedIps",
        "createdAt",
        "createdBy",
        "credits",
        "description",
        "disabledAt",
        "environment",
        "expiresAt",
        "externalId",
        "id",
        "keyId",
        "lastUsedAt",
        "leakedAt",
        "leakedUrl",
        "maskedValue",
        "meta",
        "name",
        "notBefore",
        "prefix",
        "projectId",
        "rateLimitPerMinute",
        "replacedById",
        "revokedAt",
        "revokesAt",
        "role",
        "scopes",
        "status",
        "type",
        "usageCount",
      ]);
  });
});

describe("revokeKey", () => {
  it("revokes at once and is idempotent", async () => {
    const { key } = await createKey(org.owner, input("to revoke"));
    const revoked = await revokeKey(org.admin, key.id);
    expect(revoked.status).toBe("revoked");
    expect(revoked.revokedAt).not.toBeNull();
    const again = await revokeKey(org.owner, key.id);
    expect(again.revokedAt).toBe(revoked.revokedAt);
  });

  it("refuses members and leaves the key active", async () => {
    const { key } = await createKey(org.owner, input("member cannot revoke"));
    await expect(revokeKey(org.member, key.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listKeys(org.orgId)).data.find((k) => k.id === key.id)!.status).toBe("active");
  });

  it("cannot touch another organisation's key", async () => {
    const other = await createOrgWithMembers();
    const { key } = await createKey(other.owner, input("foreign"));
    await expect(revokeKey(org.owner, key.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listKeys(other.orgId)).data[0]!.status).toBe("active");
  });
});

describe("setKeyDisabled", () => {
  it("disables and enables again; repeating the state changes nothing", async () => {
    const { key } = await createKey(org.owner, input("switch"));
    const off = await setKeyDisabled(org.admin, key.id, true);
    expect(off).toMatchObject({ status: "disabled" });
    expect(off.disabledAt).not.toBeNull();
    expect((await setKeyDisabled(org.owner, key.id, true)).disabledAt).toBe(off.disabledAt);
    expect(await setKeyDisabled(org.owner, key.id, false)).toMatchObject({ status: "active", disabledAt: null });
  });

  it("refuses members, other organisations, and revoked keys (409)", async () => {
    const { key } = await createKey(org.owner, input("guarded switch"));
    await expect(setKeyDisabled(org.member, key.id, true)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createOrgWithMembers();
    await expect(setKeyDisabled(other.owner, key.id, true)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeKey(org.owner, key.id);
    await expect(setKeyDisabled(org.owner, key.id, false)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setKeyDisabled(org.owner, key.id, true)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await listKeys(org.orgId)).data.find((k) => k.id === key.id)!.status).toBe("revoked");
  });

  it("notifies keysmith_key_changes with the keyId for its creation and every status change, only once committed", async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const payloads: string[] = [];
    listener.on("notification", (message) => payloads.push(message.payload ?? ""));
    await listener.query("LISTEN keysmith_key_changes");
    try {
      const created = await createKey(org.owner, input("notified"));
      const keyId = parseRawKey(created.rawKey)!.keyId;
      await setKeyDisabled(org.owner, created.key.id, true);
      await setKeyDisabled(org.owner, created.key.id, false);
      await revokeKey(org.owner, created.key.id);
      // Creation too: a verifier that remembered this keyId as unknown must forget that at once.
      await expect.poll(() => payloads.length).toBe(4);
      expect(payloads).toEqual([keyId, keyId, keyId, keyId]);
    } finally {
      await listener.end();
    }
  });
});

describe("create key validation", () => {
  const fails = (body: unknown) => {
    try {
      validate(createKeySchema, body);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return { code: (error as AppError).code, field: (error as AppError).field, message: (error as AppError).message };
    }
    throw new Error("expected a validation error");
  };

  it("names the field and the reason", () => {
    expect(fails({})).toMatchObject({ code: "VALIDATION_FAILED", field: "name" });
    expect(fails({ name: "   " })).toMatchObject({ field: "name", message: "Name is required." });
    expect(fails({ name: "x".repeat(65) })).toMatchObject({ field: "name", message: "Name must be at most 64 characters." });
    expect(fails({ name: "ok", expiresAt: "tomorrow" })).toMatchObject({ field: "expiresAt" });
    expect(fails({ name: "ok", expiresAt: "2001-01-01T00:00:00Z" })).toMatchObject({
      field: "expiresAt",
      message: "expiresAt must be in the future.",
    });
    expect(fails({ name: "ok", admin: true })).toMatchObject({ field: "admin", message: "Unknown field: admin." });
    expect(fails({ name: "bad\u0000name" })).toMatchObject({ field: "name" });
  });

  it("checks scopes and the rate limit", () => {
    expect(fails({ name: "ok", scopes: ["packages"] })).toMatchObject({ field: "scopes.0" });
    expect(fails({ name: "ok", scopes: ["packages:read", "*"] })).toMatchObject({ field: "scopes.1" });
    expect(fails({ name: "ok", scopes: ["a:*:b"] })).toMatchObject({ field: "scopes.0" });
    expect(fails({ name: "ok", scopes: "packages:read" })).toMatchObject({ field: "scopes" });
    expect(fails({ name: "ok", scopes: Array.from({ length: 51 }, (_, i) => `s:${i}`) })).toMatchObject({ field: "scopes" });
    expect(fails({ name: "ok", rateLimitPerMinute: 0 })).toMatchObject({ field: "rateLimitPerMinute" });
    expect(fails({ name: "ok", rateLimitPerMinute: 1.5 })).toMatchObject({ field: "rateLimitPerMinute" });
    expect(fails({ name: "ok", rateLimitPerMinute: 1_000_001 })).toMatchObject({ field: "rateLimitPerMinute" });
    expect(
      validate(createKeySchema, { name: "ok", scopes: ["packages:read", "packages:read", "admin:*"], rateLimitPerMinute: 10 }),
    ).toEqual({
      name: "ok",
      scopes: ["packages:read", "admin:*"],
      rateLimitPerMinute: 10,
    });
  });

  it("stores scopes and the rate limit, 300 per minute by default", async () => {
    expect((await createKey(org.owner, input("defaults"))).key).toMatchObject({ scopes: [], rateLimitPerMinute: 300 });
    const custom = await createKey(org.owner, { name: "custom", scopes: ["packages:*"], rateLimitPerMinute: 5 });
    expect(custom.key).toMatchObject({ scopes: ["packages:*"], rateLimitPerMinute: 5 });
  });

  it("trims names and accepts a null expiry", () => {
    expect(validate(createKeySchema, { name: "  prod  ", expiresAt: null })).toEqual({ name: "prod", expiresAt: null });
  });
});

describe("audit of key changes", () => {
  it("records key.create, key.disable, key.enable and key.revoke in the change's transaction, never the key", async () => {
    const created = await createKey(org.owner, input("audited changes"));
    await setKeyDisabled(org.owner, created.key.id, true);
    await setKeyDisabled(org.owner, created.key.id, true);
    await setKeyDisabled(org.owner, created.key.id, false);
    await revokeKey(org.owner, created.key.id);
    await revokeKey(org.owner, created.key.id);
    const events = await db().auditEvent.findMany({ where: { orgId: org.orgId, targetId: created.key.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["key.create", "key.disable", "key.enable", "key.revoke"]);
    expect(events.every((e) => e.targetType === "key" && e.actorId === org.owner.userId)).toBe(true);
    expect(events[0]!.metadata).toMatchObject({
      name: "audited changes",
      maskedValue: created.key.maskedValue,
      type: "sk",
      environment: "live",
    });
    expect(JSON.stringify(events)).not.toContain(parseRawKey(created.rawKey)!.secret);
  });

  it("a failed change records nothing", async () => {
    const { key } = await createKey(org.owner, input("failed change"));
    await revokeKey(org.owner, key.id);
    await expect(setKeyDisabled(org.owner, key.id, true)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().auditEvent.count({ where: { targetId: key.id, action: "key.disable" } })).toBe(0);
  });
});
