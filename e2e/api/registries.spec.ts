import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { startRegistryServer, type RegistryServer } from "../../tests/support/registry-server";
import { apiDatabaseUrl, seedOrg, type SeededOrg } from "../support/seeded-org";

// The registries API over real HTTP (`next start`, PostgreSQL): the route wrapper's checks,
// status codes and JSON shapes. The rules themselves are covered by tests/registries.
test.describe.configure({ mode: "serial" });

let org: SeededOrg;
let server: RegistryServer;
const SECRET = "prmd_api_e2e_secret_0123456789abcd";

test.beforeAll(async () => {
  org = await seedOrg(apiDatabaseUrl(), "Registries API");
  server = await startRegistryServer();
});
test.afterAll(async () => {
  await server?.close();
});

const owner = () => ({ cookie: org.cookies.owner });
const member = () => ({ cookie: org.cookies.member });

test("serves Keysmith's own discovery document to anyone", async ({ request, baseURL }) => {
  const response = await request.get("/.well-known/registry.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  const document = await response.json();
  expect(document).toMatchObject({
    name: "Keysmith",
    api_base: `${baseURL}/api`,
    endpoints: { tokens: "/api/tokens", verify: "/api/tokens/verify", openapi: "/api/openapi.json", health: "/api/health" },
    capabilities: expect.arrayContaining(["tokens", "tokens.verify"]),
  });
  expect(document.auth.schemes.map((scheme: { type: string }) => scheme.type)).toEqual(["bearer", "api_key", "session_cookie"]);
});

test("answers 401 JSON without a session", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/registries"],
    ["POST", "/api/registries/discover"],
    ["GET", "/api/registries/resolve?package=x"],
    ["GET", "/api/registries/export"],
  ] as const) {
    const response = await request.fetch(path, {
      method,
      data: method === "POST" ? { url: "https://x.example" } : undefined,
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  }
});

test("refuses private and metadata hosts with 400 naming the url field", async ({ request }) => {
  const loopback = await request.post("/api/registries/discover", { headers: owner(), data: { url: `${server.url}/good` } });
  expect(loopback.status()).toBe(400);
  expect((await loopback.json()).error).toMatchObject({
    code: "HOST_NOT_ALLOWED",
    field: "url",
    message: expect.stringContaining("Private network hosts are off"),
  });

  const members = await request.patch("/api/registries/settings", { headers: member(), data: { allowPrivateHosts: true } });
  expect(members.status()).toBe(403);
  const settings = await request.patch("/api/registries/settings", { headers: owner(), data: { allowPrivateHosts: true } });
  expect(await settings.json()).toEqual({ settings: { allowPrivateHosts: true } });

  const metadata = await request.post("/api/registries/discover", { headers: owner(), data: { url: "http://169.254.169.254" } });
  expect(metadata.status()).toBe(400);
  expect((await metadata.json()).error).toMatchObject({ code: "HOST_NOT_ALLOWED", field: "url" });
  const redirected = await request.post("/api/registries/discover", { headers: owner(), data: { url: `${server.url}/redirect-metadata` } });
  expect((await redirected.json()).error.message).toMatch(/^Redirected to http:\/\/169\.254\.169\.254\//);
  const broken = await request.post("/api/registries/discover", { headers: owner(), data: { url: `${server.url}/wrong-shape` } });
  expect((await broken.json()).error).toMatchObject({ code: "DISCOVERY_FAILED", field: "url" });
});

test("creates, lists (masked), updates, resolves, reorders and deletes", async ({ request }) => {
  const preview = await request.post("/api/registries/discover", { headers: owner(), data: { url: `${server.url}/good` } });
  expect(preview.status()).toBe(200);
  expect((await preview.json()).discovery.name).toBe("Company Private");

  const bad = await request.post("/api/registries", { headers: owner(), data: { url: `${server.url}/good`, scopes: ["company"] } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ field: "scopes.0", message: '"company" is not a scope: scopes look like @company.' });
  expect((await request.post("/api/registries", { headers: member(), data: { url: `${server.url}/good` } })).status()).toBe(403);

  const created = await request.post("/api/registries", {
    headers: owner(),
    data: { url: `${server.url}/good`, scopes: ["@company"], apiKey: SECRET },
  });
  expect(created.status()).toBe(201);
  const { registry } = await created.json();
  expect(registry).toMatchObject({ name: "Company Private", scopes: ["@company"], apiKeyMask: "prmd_****abcd", priority: 1 });

  const list = await request.get("/api/registries", { headers: member() });
  const listText = await list.text();
  expect(listText).not.toContain(SECRET);
  const { data, settings } = JSON.parse(listText);
  expect(settings).toEqual({ allowPrivateHosts: true });
  expect(data.map((entry: { name: string }) => entry.name)).toEqual(["npm public registry", "Company Private"]);

  const renamed = await request.patch(`/api/registries/${registry.id}`, { headers: owner(), data: { name: "Company" } });
  expect((await renamed.json()).registry.name).toBe("Company");
  expect((await request.patch(`/api/registries/${registry.id}`, { headers: owner(), data: {} })).status()).toBe(400);
  expect((await request.patch(`/api/registries/not-a-uuid`, { headers: owner(), data: { name: "x" } })).status()).toBe(400);

  const resolved = await request.get("/api/registries/resolve?package=%40company%2Fpkg", { headers: member() });
  expect(await resolved.json()).toMatchObject({ registry: { id: registry.id }, rule: "scope", scope: "@company" });
  const invalid = await request.get("/api/registries/resolve?package=", { headers: member() });
  expect((await invalid.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "package" });

  const ids = data.map((entry: { id: string }) => entry.id).reverse();
  const reordered = await request.put("/api/registries/order", { headers: owner(), data: { ids } });
  expect((await reordered.json()).data.map((entry: { id: string }) => entry.id)).toEqual(ids);
  const stale = await request.put("/api/registries/order", { headers: owner(), data: { ids: [ids[0]] } });
  expect(stale.status()).toBe(409);

  const madeDefault = await request.post(`/api/registries/${registry.id}/default`, { headers: owner() });
  expect((await madeDefault.json()).registry.isDefault).toBe(true);
  const refused = await request.delete(`/api/registries/${registry.id}`, { headers: owner() });
  expect(refused.status()).toBe(409);
  await request.post(`/api/registries/${ids[1]}/default`, { headers: owner() });
  expect((await request.delete(`/api/registries/${registry.id}`, { headers: member() })).status()).toBe(403);
  const deleted = await request.delete(`/api/registries/${registry.id}`, { headers: owner() });
  expect(await deleted.json()).toEqual({ deleted: registry.id });
});

test("exports config.yaml and imports one, with line-numbered issues", async ({ request }) => {
  const plain = await request.get("/api/registries/export", { headers: member() });
  expect(plain.headers()["content-type"]).toMatch(/^application\/yaml/);
  expect(plain.headers()["content-disposition"]).toBe('attachment; filename="config.yaml"');
  expect(parse(await plain.text()).registries[0]).toMatchObject({ name: "npm public registry", default: true });
  expect((await request.post("/api/registries/export", { headers: member(), data: { includeSecrets: true } })).status()).toBe(403);

  const yaml = [
    "registries:",
    "  - name: Imported",
    "    url: https://imported.example",
    `    api_key: ${SECRET}`,
    "    scopes: ['@imp']",
  ].join("\n");
  const imported = await request.post("/api/registries/import", {
    headers: { ...owner(), "content-type": "application/yaml" },
    data: yaml,
  });
  expect(imported.status()).toBe(200);
  expect((await imported.json()).summary).toMatchObject({ created: ["Imported"] });

  const withSecrets = await request.post("/api/registries/export", { headers: owner(), data: { includeSecrets: true } });
  const exported = await withSecrets.json();
  expect(exported).toMatchObject({ fileName: "config.yaml", mintedKey: null });
  expect(parse(exported.content).registries[0]).toEqual({
    name: "Imported",
    url: "https://imported.example",
    api_key: SECRET,
    scopes: ["@imp"],
  });

  const broken = await request.post("/api/registries/import", {
    headers: { ...owner(), "content-type": "application/yaml" },
    data: "registries:\n  - name: X\n    url: nope://x\n",
  });
  expect(broken.status()).toBe(400);
  const { error } = await broken.json();
  expect(error).toMatchObject({ code: "VALIDATION_FAILED", field: "registries.0.url", issues: [{ line: 3, field: "registries.0.url" }] });
  expect(error.message).toMatch(/^Line 3, registries\.0\.url: /);
  const json = await request.post("/api/registries/import", { headers: owner(), data: { registries: [] } });
  expect((await json.json()).error.message).toMatch(/Content-Type: application\/yaml/);
});

test("refuses cookie-authenticated writes from a foreign origin", async ({ request }) => {
  const response = await request.post("/api/registries/export", {
    headers: { ...owner(), origin: "https://evil.example" },
    data: { includeSecrets: true },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("BAD_ORIGIN");
});
