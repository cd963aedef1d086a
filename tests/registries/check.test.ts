import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { packageUrl, resolvePackageLive } from "@/lib/registries/live-resolve";
import { createRegistry, reorderRegistries, testRegistryConnection, updateRegistry } from "@/lib/registries/service";
import { listRegistries } from "@/lib/registries/store";
import { createOrgWithMembers } from "../support/fixtures";
import { startRegistryServer, type RegistryServer } from "../support/registry-server";
import { allowPrivateHosts, auditFor } from "../support/registries";

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer();
});
afterAll(() => server.close());

async function org() {
  const created = await createOrgWithMembers();
  await allowPrivateHosts(created.owner);
  return created;
}

describe("Test connection", () => {
  it("asks npm's GET /-/whoami with the key as a bearer token, and reports the account", async () => {
    const { owner } = await org();
    server.serveDocument("plain", { name: "Plain npm" });
    const good = await testRegistryConnection(owner, { url: `${server.url}/plain`, apiKey: "npm_good_token_0123456789" });
    expect(good).toMatchObject({ ok: true, status: 200, user: "keysmith-test", endpoint: `${server.url}/plain/-/whoami` });
    // The seed's document names a GET token list: that is asked instead.
    const listed = await testRegistryConnection(owner, { url: `${server.url}/good`, apiKey: "npm_good_token_0123456789" });
    expect(listed).toMatchObject({ ok: true, endpoint: `${server.url}/api/tokens` });
    const bad = await testRegistryConnection(owner, { url: `${server.url}/good`, apiKey: "bad_token_0123456789" });
    expect(bad).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/refused the key \(HTTP 401\)/) });
  });

  it("uses the endpoint the discovery document names", async () => {
    const { owner } = await org();
    server.serveDocument("named-whoami", { name: "Named", endpoints: { whoami: "/good/-/whoami" } });
    const result = await testRegistryConnection(owner, { url: `${server.url}/named-whoami`, apiKey: "npm_good_token_0123456789" });
    expect(result).toMatchObject({ ok: true, endpoint: `${server.url}/good/-/whoami` });
  });

  it("ends a registry that never answers at the deadline", async () => {
    const { owner } = await org();
    const result = await testRegistryConnection(
      owner,
      { url: `${server.url}/whoami-slow`, apiKey: "npm_good_token_0123456789" },
      { timeoutMs: 300 },
    );
    expect(result).toMatchObject({ ok: false, status: null, message: expect.stringMatching(/did not answer in time/) });
  });

  it("saves a key only when the registry accepts it, or when told to save it anyway (audited)", async () => {
    const o = await org();
    await expect(
      createRegistry(o.owner, { url: `${server.url}/good`, apiKey: "bad_token_0123456789" }, auditFor(o.owner)),
    ).rejects.toMatchObject({ code: "KEY_CHECK_FAILED", field: "apiKey" });
    expect(await db().registry.count({ where: { orgId: o.orgId, url: `${server.url}/good` } })).toBe(0);

    const saved = await createRegistry(o.owner, { url: `${server.url}/good`, apiKey: "npm_good_token_0123456789" }, auditFor(o.owner));
    expect(saved.apiKeyMask).toBe("npm_****6789");
    await expect(updateRegistry(o.owner, saved.id, { apiKey: "bad_replacement_0123456789" }, auditFor(o.owner))).rejects.toMatchObject({
      code: "KEY_CHECK_FAILED",
    });
    expect((await listRegistries(o.orgId)).find((row) => row.id === saved.id)!.apiKeyMask).toBe("npm_****6789");
    const anyway = await updateRegistry(
      o.owner,
      saved.id,
      { apiKey: "bad_replacement_0123456789", saveUnchecked: true },
      auditFor(o.owner),
    );
    expect(anyway.apiKeyMask).toBe("bad_****6789");
    const events = await db().auditEvent.findMany({ where: { orgId: o.orgId, targetId: saved.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => (event.metadata as { keyCheck?: string }).keyCheck)).toEqual(["passed", "skipped"]);
    // A saved registry's stored key can be tested again.
    expect(await testRegistryConnection(o.owner, { registryId: saved.id })).toMatchObject({ ok: false, status: 401 });
  });
});

describe("live resolution", () => {
  it("encodes scoped names as npm does", () => {
    expect(packageUrl("https://r.example/npm/", "@scope/name")).toBe("https://r.example/npm/@scope%2fname");
    expect(packageUrl("https://r.example", "left-pad")).toBe("https://r.example/left-pad");
  });

  it("asks every candidate in resolution order and names the first that serves the package; a slow one ends at its deadline", async () => {
    const o = await org();
    const add = async (kind: string) => createRegistry(o.owner, { url: `${server.url}/pkg-${kind}`, name: kind }, auditFor(o.owner));
    const slow = await add("slow");
    const unauthorized = await add("401");
    const missing = await add("404");
    const good = await add("good");
    const [publicRegistry] = await listRegistries(o.orgId);
    await reorderRegistries(o.owner, [slow.id, unauthorized.id, missing.id, good.id, publicRegistry!.id], auditFor(o.owner));
    const before = server.requests.length;

    const result = await resolvePackageLive(o.orgId, "@acme/widget", {
      timeoutMs: 500,
      // No internet here: the public registry's host resolves to nothing.
      fetch: { resolve: async (host) => (host === "127.0.0.1" ? ["127.0.0.1"] : []) },
    });
    expect(result.live.answers.map((answer) => [answer.registry.name, answer.outcome, answer.status])).toEqual([
      ["slow", "timeout", null],
      ["401", "unauthorized", 401],
      ["404", "not_found", 404],
      ["good", "serves", 200],
      ["npm public registry", "error", null],
    ]);
    expect(result.live.servedBy).toMatchObject({ id: good.id });
    expect(server.requests.slice(before)).toContain("GET /pkg-good/@acme%2fwidget");
    // The configuration alone still picks the first registry; live mode shows it does not serve the package.
    expect(result.registry).toMatchObject({ id: slow.id });
  });
});
