import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createRegistry, deleteRegistry, reorderRegistries, setDefaultRegistry, updateRegistry } from "@/lib/registries/service";
import { getRegistrySettings, updateRegistrySettings } from "@/lib/registries/settings";
import { listRegistries } from "@/lib/registries/store";
import type { RegistryView } from "@/lib/registries/view";
import { createOrgWithMembers } from "../support/fixtures";
import { startRegistryServer, type RegistryServer } from "../support/registry-server";
import { allowPrivateHosts, auditActions, auditFor } from "../support/registries";

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer();
});
afterAll(() => server.close());

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;

/** An organisation with private hosts allowed and registries served by the test server. */
async function orgWithRegistries(...names: string[]): Promise<{ org: Org; added: RegistryView[] }> {
  const org = await createOrgWithMembers();
  await allowPrivateHosts(org.owner);
  const added: RegistryView[] = [];
  for (const name of names) {
    server.serveDocument(`${org.orgId}/${name}`, { name, api_base: "/api" });
    added.push(await createRegistry(org.owner, { url: `${server.url}/${org.orgId}/${name}` }, auditFor(org.owner)));
  }
  return { org, added };
}

const names = async (orgId: string) => (await listRegistries(orgId)).map((registry) => registry.name);

describe("the public default registry", () => {
  it("is added on first use, once, as the built-in default", async () => {
    const org = await createOrgWithMembers();
    const [first, again] = await Promise.all([listRegistries(org.orgId), listRegistries(org.orgId)]);
    expect(first).toEqual(again);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      name: "npm public registry",
      url: "https://registry.npmjs.org",
      isDefault: true,
      builtIn: true,
      priority: 0,
    });
    expect(await auditActions(org.orgId)).toEqual(["registry.create"]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId } });
    expect(event.actorId).toBe("system");
  });

  it("can be moved down and stop being the default, but never deleted", async () => {
    const { org, added } = await orgWithRegistries("Mirror");
    const [publicRegistry] = await listRegistries(org.orgId);
    await expect(deleteRegistry(org.owner, publicRegistry!.id, auditFor(org.owner))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/built in and cannot be deleted/),
    });
    await reorderRegistries(org.owner, [added[0]!.id, publicRegistry!.id], auditFor(org.owner));
    await setDefaultRegistry(org.owner, added[0]!.id, auditFor(org.owner));
    await expect(deleteRegistry(org.owner, publicRegistry!.id, auditFor(org.owner))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await listRegistries(org.orgId)).toMatchObject([
      { name: "Mirror", isDefault: true, priority: 0 },
      { name: "npm public registry", isDefault: false, priority: 1 },
    ]);
  });
});

describe("default registry", () => {
  it("moves with set-default, and the default cannot be deleted", async () => {
    const { org, added } = await orgWithRegistries("A", "B");
    await setDefaultRegistry(org.admin, added[1]!.id, auditFor(org.admin));
    await setDefaultRegistry(org.admin, added[1]!.id, auditFor(org.admin));
    const listed = await listRegistries(org.orgId);
    expect(listed.filter((registry) => registry.isDefault).map((registry) => registry.name)).toEqual(["B"]);
    await expect(deleteRegistry(org.owner, added[1]!.id, auditFor(org.owner))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/default registry\. Make another registry the default first/),
    });
    const events = await db().auditEvent.findMany({ where: { orgId: org.orgId, action: "registry.set_default" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({ name: "B", previousDefault: { name: "npm public registry" } });
  });

  it("stays exactly one under concurrent set-default requests", async () => {
    const { org, added } = await orgWithRegistries("C1", "C2", "C3", "C4");
    const all = await listRegistries(org.orgId);
    const attempts = Array.from({ length: 24 }, (_, index) => all[index % all.length]!.id);
    const results = await Promise.allSettled(attempts.map((id) => setDefaultRegistry(org.owner, id, auditFor(org.owner))));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const defaults = await db().registry.findMany({ where: { orgId: org.orgId, isDefault: true } });
    expect(defaults).toHaveLength(1);
    expect(added.length).toBe(4);
  });

  it("is guarded by the database itself: a second default row is refused", async () => {
    const { org, added } = await orgWithRegistries("D1");
    await expect(db().registry.update({ where: { id: added[0]!.id }, data: { isDefault: true } })).rejects.toThrow(
      /Unique constraint|Registry_one_default_per_org/,
    );
    expect(await db().registry.count({ where: { orgId: org.orgId, isDefault: true } })).toBe(1);
  });
});

describe("reorder", () => {
  it("takes the full new order, renumbers 0..n-1 and records it", async () => {
    const { org, added } = await orgWithRegistries("R1", "R2");
    const [publicRegistry] = await listRegistries(org.orgId);
    const order = [added[1]!.id, publicRegistry!.id, added[0]!.id];
    const result = await reorderRegistries(org.admin, order, auditFor(org.admin));
    expect(result.map((registry) => [registry.name, registry.priority])).toEqual([
      ["R2", 0],
      ["npm public registry", 1],
      ["R1", 2],
    ]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, action: "registry.reorder" } });
    expect(event.metadata).toEqual({ from: ["npm public registry", "R1", "R2"], to: ["R2", "npm public registry", "R1"] });
  });

  it("refuses a stale or partial list", async () => {
    const { org, added } = await orgWithRegistries("S1");
    await expect(reorderRegistries(org.owner, [added[0]!.id], auditFor(org.owner))).rejects.toMatchObject({
      code: "CONFLICT",
      field: "ids",
    });
    await expect(reorderRegistries(org.member, [added[0]!.id], auditFor(org.member))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("compacts priorities after a delete", async () => {
    const { org, added } = await orgWithRegistries("X1", "X2", "X3");
    await deleteRegistry(org.owner, added[1]!.id, auditFor(org.owner));
    expect((await listRegistries(org.orgId)).map((registry) => [registry.name, registry.priority])).toEqual([
      ["npm public registry", 0],
      ["X1", 1],
      ["X3", 2],
    ]);
  });
});

describe("update", () => {
  it("renames, re-scopes and links an upstream, refusing clashes and loops", async () => {
    const { org, added } = await orgWithRegistries("Private", "Proxy", "Other");
    const [privateRegistry, proxy, other] = added as [RegistryView, RegistryView, RegistryView];
    const updated = await updateRegistry(
      org.owner,
      privateRegistry.id,
      { name: "Company Private", scopes: ["@company"], upstreamId: proxy.id },
      auditFor(org.owner),
    );
    expect(updated).toMatchObject({ name: "Company Private", scopes: ["@company"], upstream: { id: proxy.id, name: "Proxy" } });

    await expect(updateRegistry(org.owner, other.id, { name: "company private" }, auditFor(org.owner))).rejects.toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    await expect(updateRegistry(org.owner, other.id, { scopes: ["@company"] }, auditFor(org.owner))).rejects.toMatchObject({
      code: "CONFLICT",
      field: "scopes",
      message: "@company is already served by Company Private. A scope can belong to one registry only.",
    });
    await expect(updateRegistry(org.owner, proxy.id, { upstreamId: privateRegistry.id }, auditFor(org.owner))).rejects.toMatchObject({
      field: "upstreamId",
      message: "That upstream would make a loop: Proxy → Company Private → Proxy.",
    });
    await expect(updateRegistry(org.owner, proxy.id, { upstreamId: proxy.id }, auditFor(org.owner))).rejects.toMatchObject({
      field: "upstreamId",
    });
    const foreign = await orgWithRegistries("Foreign");
    await expect(updateRegistry(org.owner, proxy.id, { upstreamId: foreign.added[0]!.id }, auditFor(org.owner))).rejects.toMatchObject({
      field: "upstreamId",
    });
    await expect(updateRegistry(org.owner, foreign.added[0]!.id, { name: "mine now" }, auditFor(org.owner))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await expect(deleteRegistry(org.owner, proxy.id, auditFor(org.owner))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Proxy is the upstream of Company Private/),
    });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { orgId: org.orgId, action: "registry.update", targetId: privateRegistry.id },
    });
    expect(event.metadata).toMatchObject({
      name: "Private",
      changes: {
        name: { from: "Private", to: "Company Private" },
        scopes: { from: [], to: ["@company"] },
        upstream: { from: null, to: "Proxy" },
      },
    });
  });

  it("refuses members", async () => {
    const { org, added } = await orgWithRegistries("M1");
    await expect(updateRegistry(org.member, added[0]!.id, { name: "x" }, auditFor(org.member))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(deleteRegistry(org.member, added[0]!.id, auditFor(org.member))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setDefaultRegistry(org.member, added[0]!.id, auditFor(org.member))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateRegistrySettings(org.member, { allowPrivateHosts: false }, auditFor(org.member))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await names(org.orgId)).toEqual(["npm public registry", "M1"]);
  });
});

describe("upstream API keys", () => {
  const RAW = "prmd_live_SuperSecretUpstreamKey_0123456789wxyz";

  it("are encrypted at rest: the raw key appears nowhere in the database", async () => {
    const { org, added } = await orgWithRegistries("Secret");
    const updated = await updateRegistry(org.owner, added[0]!.id, { apiKey: RAW }, auditFor(org.owner));
    expect(updated.apiKeyMask).toBe("prmd_****wxyz");
    expect(JSON.stringify(updated)).not.toContain("SuperSecret");

    const row = await db().registry.findUniqueOrThrow({ where: { id: added[0]!.id } });
    expect(row.apiKeyVersion).toBe(1);
    expect(row.apiKeyIv).toHaveLength(12);
    expect(row.apiKeyTag).toHaveLength(16);

    const tables = await db().$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    const fragments = [RAW, "SuperSecretUpstreamKey", Buffer.from(RAW).toString("base64"), Buffer.from(RAW).toString("hex")];
    for (const { table_name } of tables) {
      const rows = await db().$queryRawUnsafe<{ t: string }[]>(`SELECT t::text AS t FROM "${table_name}" AS t`);
      for (const { t } of rows) for (const fragment of fragments) expect(t).not.toContain(fragment);
    }
  });

  it("can be replaced and removed, each change audited with masks only", async () => {
    const { org, added } = await orgWithRegistries("Rotate");
    const id = added[0]!.id;
    await updateRegistry(org.owner, id, { apiKey: "npm_first_key_0000000000000aaaa" }, auditFor(org.owner));
    const replaced = await updateRegistry(org.admin, id, { apiKey: "npm_second_key_000000000000bbbb" }, auditFor(org.admin));
    expect(replaced.apiKeyMask).toBe("npm_****bbbb");
    const removed = await updateRegistry(org.owner, id, { apiKey: null }, auditFor(org.owner));
    expect(removed.apiKeyMask).toBeNull();
    const row = await db().registry.findUniqueOrThrow({ where: { id } });
    expect([row.apiKeyCiphertext, row.apiKeyIv, row.apiKeyTag, row.apiKeyVersion, row.apiKeyHint]).toEqual([null, null, null, null, null]);

    const events = await db().auditEvent.findMany({ where: { orgId: org.orgId, targetId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.action, event.metadata])).toEqual([
      ["registry.create", expect.anything()],
      ["registry.key_replace", { name: "Rotate", previous: null, current: "npm_****aaaa", keyCheck: "passed" }],
      ["registry.key_replace", { name: "Rotate", previous: "npm_****aaaa", current: "npm_****bbbb", keyCheck: "passed" }],
      ["registry.key_remove", { name: "Rotate", previous: "npm_****bbbb" }],
    ]);
  });
});

describe("settings", () => {
  it("private hosts are off by default, and toggling them is audited", async () => {
    const org = await createOrgWithMembers();
    expect(await getRegistrySettings(org.orgId)).toEqual({ allowPrivateHosts: false });
    await updateRegistrySettings(org.admin, { allowPrivateHosts: true }, auditFor(org.admin));
    await updateRegistrySettings(org.admin, { allowPrivateHosts: true }, auditFor(org.admin));
    expect(await getRegistrySettings(org.orgId)).toEqual({ allowPrivateHosts: true });
    const events = await db().auditEvent.findMany({ where: { orgId: org.orgId, action: "org.settings_update" } });
    expect(events.map((event) => event.metadata)).toEqual([{ allowPrivateRegistryHosts: { from: false, to: true } }]);
  });
});

describe("audit trail", () => {
  it("records every kind of registry change, in order", async () => {
    const { org, added } = await orgWithRegistries("T1", "T2");
    const [t1, t2] = added as [RegistryView, RegistryView];
    await updateRegistry(org.owner, t1.id, { scopes: ["@t"], apiKey: "token_0123456789abcdef" }, auditFor(org.owner));
    await setDefaultRegistry(org.owner, t2.id, auditFor(org.owner));
    const ids = (await listRegistries(org.orgId)).map((registry) => registry.id).reverse();
    await reorderRegistries(org.owner, ids, auditFor(org.owner));
    await setDefaultRegistry(org.owner, ids[2]!, auditFor(org.owner));
    await deleteRegistry(org.owner, t2.id, auditFor(org.owner));
    expect(await auditActions(org.orgId)).toEqual([
      "org.settings_update",
      "registry.create",
      "registry.create",
      "registry.create",
      "registry.update",
      "registry.key_replace",
      "registry.set_default",
      "registry.reorder",
      "registry.set_default",
      "registry.delete",
    ]);
  });

  it("is append-only: the database refuses updates and deletes", async () => {
    const org = await createOrgWithMembers();
    await listRegistries(org.orgId);
    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId } });
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("registry.create");
  });
});
