import { beforeEach, describe, expect, it } from "vitest";
import * as memberById from "@/app/api/members/[id]/route";
import * as registryById from "@/app/api/registries/[id]/route";
import * as registryExport from "@/app/api/registries/export/route";
import * as registriesRoute from "@/app/api/registries/route";
import * as auditRoute from "@/app/api/audit/route";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as rotateRoute from "@/app/api/tokens/[id]/rotate/route";
import * as tokens from "@/app/api/tokens/route";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/service";
import { ensurePublicRegistry, listRegistries } from "@/lib/registries/store";
import { createOrgWithMembers } from "../support/fixtures";
import { callRoute } from "../support/route";

// One named test per attack of the authority review (issue #11), through the real route handlers
// against PostgreSQL. Each must fail with a clear 401/403 code and change nothing.

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeEach(async () => {
  org = await createOrgWithMembers();
});

const keyOf = async (by: typeof org.owner, scopes: string[], extra: Record<string, unknown> = {}) =>
  createKey(by, { name: `key ${scopes.join(" ")}`, scopes, ...extra });
const membershipOf = async (userId: string) => (await db().membership.findFirstOrThrow({ where: { orgId: org.orgId, userId } })).id;
const errorOf = async (response: Response) => ({ status: response.status, code: (await response.clone().json()).error?.code });

describe("keys cannot mint or receive stronger keys", () => {
  it("a keys:write or keys:* key cannot create an admin:* key, nor any scope it lacks", async () => {
    for (const scopes of [["keys:write"], ["keys:*"], ["keys:write", "packages:read"]]) {
      const { rawKey } = await keyOf(org.owner, scopes);
      for (const wanted of [["admin:*"], ["packages:write"], ["keys:*"]].filter((w) => !scopes.includes(w[0]!))) {
        const response = await callRoute(tokens.POST, {
          method: "POST",
          path: "/api/tokens",
          key: rawKey,
          body: { name: "escalation", scopes: wanted },
        });
        expect(await errorOf(response), `${scopes} → ${wanted}`).toEqual({ status: 403, code: "AUTHORITY_EXCEEDED" });
      }
      const admin = await callRoute(tokens.POST, {
        method: "POST",
        path: "/api/tokens",
        key: rawKey,
        body: { name: "escalation", role: "admin" },
      });
      expect(await errorOf(admin)).toEqual({ status: 403, code: "AUTHORITY_EXCEEDED" });
    }
    expect(await db().apiKey.count({ where: { orgId: org.orgId, name: "escalation" } })).toBe(0);
  });

  it("a keys:write key cannot rotate someone's admin key to receive its replacement, nor revoke or disable it", async () => {
    const adminKey = await keyOf(org.owner, ["admin:*"]);
    const { rawKey } = await keyOf(org.owner, ["keys:write"]);
    const path = `/api/tokens/${adminKey.key.id}`;
    const params = { id: adminKey.key.id };
    expect(
      await errorOf(
        await callRoute(rotateRoute.POST, { method: "POST", path: `${path}/rotate`, key: rawKey, params, body: { grace: "none" } }),
      ),
    ).toEqual({ status: 403, code: "AUTHORITY_EXCEEDED" });
    expect(await errorOf(await callRoute(tokenById.DELETE, { method: "DELETE", path, key: rawKey, params }))).toEqual({
      status: 403,
      code: "AUTHORITY_EXCEEDED",
    });
    expect(
      await errorOf(await callRoute(tokenById.PATCH, { method: "PATCH", path, key: rawKey, params, body: { disabled: true } })),
    ).toEqual({ status: 403, code: "AUTHORITY_EXCEEDED" });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: adminKey.key.id } });
    expect({ status: row.status, replacedById: row.replacedById, disabledAt: row.disabledAt }).toEqual({
      status: "active",
      replacedById: null,
      disabledAt: null,
    });
  });

  it("a key may create keys with scopes it holds, and they trace back to the same person", async () => {
    const parent = await keyOf(org.admin, ["keys:write", "packages:*"]);
    const response = await callRoute(tokens.POST, {
      method: "POST",
      path: "/api/tokens",
      key: parent.rawKey,
      body: { name: "child", scopes: ["packages:read", "keys:write"] },
    });
    expect(response.status).toBe(201);
    const { key } = await response.json();
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.createdBy).toBe(`apikey:${parent.rawKey.slice(11, 23)}`);
    expect(row.creatorUserId).toBe(org.admin.userId);
  });

  it("a key made by a key cannot outlive it (a 7-day key cannot mint a never-expiring one)", async () => {
    const parent = await keyOf(org.owner, ["keys:write", "packages:read"], { expiresInDays: 7 });
    const forever = await callRoute(tokens.POST, {
      method: "POST",
      path: "/api/tokens",
      key: parent.rawKey,
      body: { name: "forever", scopes: ["packages:read"] },
    });
    expect(await errorOf(forever)).toEqual({ status: 403, code: "AUTHORITY_EXCEEDED" });
    expect((await forever.json()).error.field).toBe("expiresAt");
    const longer = await callRoute(tokens.POST, {
      method: "POST",
      path: "/api/tokens",
      key: parent.rawKey,
      body: { name: "longer", scopes: ["packages:read"], expiresInDays: 30 },
    });
    expect(await errorOf(longer)).toEqual({ status: 403, code: "AUTHORITY_EXCEEDED" });
    const within = await callRoute(tokens.POST, {
      method: "POST",
      path: "/api/tokens",
      key: parent.rawKey,
      body: { name: "within", scopes: ["packages:read"], expiresInDays: 7 },
    });
    expect(within.status).toBe(201);

    // Rotation by the short-lived key keeps a 90-day key's settings but not past the rotator's expiry.
    const long = await keyOf(org.owner, ["packages:read"], { expiresInDays: 90 });
    const rotated = await callRoute(rotateRoute.POST, {
      method: "POST",
      path: `/api/tokens/${long.key.id}/rotate`,
      key: parent.rawKey,
      params: { id: long.key.id },
      body: { grace: "none" },
    });
    expect(rotated.status).toBe(201);
    expect(new Date((await rotated.json()).key.expiresAt).getTime()).toBeLessThanOrEqual(
      parent.key.expiresAt ? new Date(parent.key.expiresAt).getTime() : 0,
    );
  });
});

describe("owner power stays with owners", () => {
  it("an admin's admin:* key cannot make its creator owner or demote the real owner", async () => {
    const { rawKey } = await keyOf(org.admin, ["admin:*"]);
    const adminId = await membershipOf(org.admin.userId);
    const ownerId = await membershipOf(org.owner.userId);
    const promote = await callRoute(memberById.PATCH, {
      method: "PATCH",
      path: `/api/members/${adminId}`,
      key: rawKey,
      params: { id: adminId },
      body: { role: "owner" },
    });
    expect(await errorOf(promote)).toEqual({ status: 403, code: "FORBIDDEN" });
    const demote = await callRoute(memberById.PATCH, {
      method: "PATCH",
      path: `/api/members/${ownerId}`,
      key: rawKey,
      params: { id: ownerId },
      body: { role: "member" },
    });
    expect(await errorOf(demote)).toEqual({ status: 403, code: "FORBIDDEN" });
    const remove = await callRoute(memberById.DELETE, {
      method: "DELETE",
      path: `/api/members/${ownerId}`,
      key: rawKey,
      params: { id: ownerId },
    });
    expect(await errorOf(remove)).toEqual({ status: 403, code: "FORBIDDEN" });
    const roles = await db().membership.findMany({ where: { orgId: org.orgId }, orderBy: { createdAt: "asc" }, select: { role: true } });
    expect(roles.map((r) => r.role)).toEqual(["owner", "admin", "member"]);
  });

  it("even the owner's own admin:* key does not act as owner", async () => {
    const { rawKey } = await keyOf(org.owner, ["admin:*"]);
    const memberId = await membershipOf(org.member.userId);
    const promote = await callRoute(memberById.PATCH, {
      method: "PATCH",
      path: `/api/members/${memberId}`,
      key: rawKey,
      params: { id: memberId },
      body: { role: "owner" },
    });
    expect(await errorOf(promote)).toEqual({ status: 403, code: "FORBIDDEN" });
  });
});

describe("a key's authority follows its creator's current role", () => {
  it("demoting the creator shrinks the key; removing the creator ends its management authority", async () => {
    const { rawKey } = await keyOf(org.admin, ["admin:*"]);
    const create = () =>
      callRoute(tokens.POST, {
        method: "POST",
        path: "/api/tokens",
        key: rawKey,
        body: { name: "by admin key", scopes: ["packages:read"] },
      });
    const list = () => callRoute(tokens.GET, { path: "/api/tokens", key: rawKey });
    expect((await create()).status).toBe(201);

    await db().membership.update({ where: { id: await membershipOf(org.admin.userId) }, data: { role: "member" } });
    expect(await errorOf(await create())).toEqual({ status: 403, code: "FORBIDDEN" });
    expect((await (await create()).json()).error.message).toContain("creator is now member");
    expect((await list()).status).toBe(200);
    expect(await errorOf(await callRoute(auditRoute.GET, { path: "/api/audit", key: rawKey }))).toEqual({ status: 403, code: "FORBIDDEN" });

    await db().membership.delete({ where: { id: await membershipOf(org.admin.userId) } });
    expect(await errorOf(await list())).toEqual({ status: 403, code: "FORBIDDEN" });
    expect((await (await list()).json()).error.message).toBe(
      "This API key's creator is no longer a member of the organisation, so the key has no authority here.",
    );
  });
});

describe("project-limited keys stay in their project", () => {
  it("create only their project's keys, see and change only those, and no organisation-wide settings", async () => {
    const [mine, theirs] = await Promise.all(
      ["mine", "theirs"].map((name) => db().project.create({ data: { orgId: org.orgId, name: `${name}-${Math.random()}` } })),
    );
    const limited = await keyOf(org.owner, ["keys:write", "packages:read"], { projectId: mine!.id });
    const other = await keyOf(org.owner, ["packages:read"], { projectId: theirs!.id });
    const orgWide = await keyOf(org.owner, ["packages:read"]);

    const implicit = await callRoute(tokens.POST, {
      method: "POST",
      path: "/api/tokens",
      key: limited.rawKey,
      body: { name: "implicit", scopes: ["packages:read"] },
    });
    expect(implicit.status).toBe(201);
    expect((await implicit.json()).key.projectId).toBe(mine!.id);
    const elsewhere = await callRoute(tokens.POST, {
      method: "POST",
      path: "/api/tokens",
      key: limited.rawKey,
      body: { name: "elsewhere", projectId: theirs!.id, scopes: ["packages:read"] },
    });
    expect(await errorOf(elsewhere)).toEqual({ status: 403, code: "AUTHORITY_EXCEEDED" });

    const listed = (await (await callRoute(tokens.GET, { path: "/api/tokens?pageSize=100", key: limited.rawKey })).json()).data.map(
      (k: { id: string }) => k.id,
    );
    expect(listed).toContain(limited.key.id);
    expect(listed).not.toContain(other.key.id);
    expect(listed).not.toContain(orgWide.key.id);
    for (const target of [other, orgWide]) {
      const path = `/api/tokens/${target.key.id}`;
      expect(
        (await callRoute(tokenById.DELETE, { method: "DELETE", path, key: limited.rawKey, params: { id: target.key.id } })).status,
      ).toBe(404);
      expect((await callRoute(tokenById.GET, { path, key: limited.rawKey, params: { id: target.key.id } })).status).toBe(404);
    }
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: other.key.id } })).status).toBe("active");
    expect(await errorOf(await callRoute(auditRoute.GET, { path: "/api/audit", key: limited.rawKey }))).toEqual({
      status: 403,
      code: "FORBIDDEN",
    });
  });
});

describe("publishable keys are for verification only", () => {
  it("the management API refuses them with 401 PUBLISHABLE_KEY, even for reads of registries and config.yaml", async () => {
    const { rawKey } = await createKey(org.owner, { name: "browser", type: "pk" });
    for (const [handler, path] of [
      [tokens.GET, "/api/tokens"],
      [registriesRoute.GET, "/api/registries"],
      [registryExport.GET, "/api/registries/export"],
    ] as const) {
      expect(await errorOf(await callRoute(handler, { path, key: rawKey })), path).toEqual({ status: 401, code: "PUBLISHABLE_KEY" });
    }
  });

  it("cannot hold management scopes, even read-only ones", async () => {
    for (const scope of ["audit:read", "members:read", "keys:read", "usage:read"]) {
      await expect(createKey(org.owner, { name: "leaky", type: "pk", scopes: [scope] }), scope).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        field: "scopes.0",
      });
    }
    expect((await createKey(org.owner, { name: "ok", type: "pk", scopes: ["packages:read", "reports:execute"] })).key.scopes).toEqual([
      "packages:read",
      "reports:execute",
    ]);
  });
});

describe("roles mean what the docs say", () => {
  it("a developer key cannot delete registries, export upstream secrets or mint keys through an export", async () => {
    await ensurePublicRegistry(org.orgId);
    const [registry] = await listRegistries(org.orgId);
    const { rawKey } = await createKey(org.owner, { name: "dev", role: "developer" });
    const remove = await callRoute(registryById.DELETE, {
      method: "DELETE",
      path: `/api/registries/${registry!.id}`,
      key: rawKey,
      params: { id: registry!.id },
    });
    expect(await errorOf(remove)).toEqual({ status: 403, code: "FORBIDDEN" });
    const secrets = await callRoute(registryExport.POST, {
      method: "POST",
      path: "/api/registries/export",
      key: rawKey,
      body: { includeSecrets: true },
    });
    expect(await errorOf(secrets)).toEqual({ status: 403, code: "FORBIDDEN" });
    const mint = await callRoute(registryExport.POST, {
      method: "POST",
      path: "/api/registries/export",
      key: rawKey,
      body: { mintKeyFor: registry!.id },
    });
    expect(await errorOf(mint)).toEqual({ status: 403, code: "FORBIDDEN" });
    const plain = await callRoute(registryExport.POST, { method: "POST", path: "/api/registries/export", key: rawKey, body: {} });
    expect(plain.status).toBe(200);
    expect(await db().apiKey.count({ where: { orgId: org.orgId } })).toBe(1);
  });

  it("no API key reads upstream registry secrets in clear, not even admin:*", async () => {
    const { rawKey } = await keyOf(org.owner, ["admin:*"]);
    const secrets = await callRoute(registryExport.POST, {
      method: "POST",
      path: "/api/registries/export",
      key: rawKey,
      body: { includeSecrets: true },
    });
    expect(await errorOf(secrets)).toEqual({ status: 403, code: "FORBIDDEN" });
  });
});
