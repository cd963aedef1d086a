import { expect, test, type APIRequestContext } from "@playwright/test";
import { ensureFirstAccount } from "../support/first-account";
import { orgSnapshot, withSecurityDb } from "../support/security-db";
import { documentedOperations, fetchDocument, seedSecurityOrg } from "../support/security-org";
import type { SeededOrg } from "../support/seeded-org";

// Every session route × every principal, aimed at another organisation's resources. Expected:
// anonymous → 401; a principal without the permission → 403; with it → the row's outcome,
// which for another organisation's resource is never a success (404, 409 or 400). No answer
// may contain anything of the other organisation, and its rows must be exactly as before.
//
// Adding a route is one row in ROUTES; adding a principal is one entry in PRINCIPALS.
test.describe.configure({ mode: "serial" });

type Area = "keys" | "registries" | "members" | "audit" | "usage";
/** "pk": requesting a publishable key (scope keys:pk). */
type Access = "read" | "write" | "pk";

interface Principal {
  name: string;
  headers: () => Record<string, string>;
  apiKey: boolean;
  /** null: not authenticated at all. */
  can: ((area: Area, access: Access) => boolean) | null;
}

interface Target {
  keyId: string;
  registryId: string;
  registryUrl: string;
  membershipId: string;
  projectId: string;
  scopeId: string;
}

interface Route {
  operation: string;
  area: Area;
  access: Access;
  request: (b: Target) => { path: string; json?: unknown; yaml?: string };
  /** The status when the principal may use the route (aimed at the other organisation's resources). */
  allowed: number;
  /** Routes for servers holding a key: a browser session is not enough (401). */
  apiKeyOnly?: true;
}

let a: SeededOrg;
let b: SeededOrg;
let target: Target;
let markers: string[];

const cookie = (value: () => string) => () => ({ cookie: value() });
const bearer = (name: keyof typeof apiKeys) => () => ({ authorization: `Bearer ${apiKeys[name]}` });
/** API keys of organisation A (issue #3), created in beforeAll with these scopes. */
const API_KEY_SCOPES = { full: ["admin:*"], keysRead: ["keys:read"], none: [], revoked: ["admin:*"] };
const apiKeys: Record<keyof typeof API_KEY_SCOPES, string> = { full: "", keysRead: "", none: "", revoked: "" };
/** Names that must not collide when every principal creates one. */
let serial = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(serial++).toString(36)}`;

const PRINCIPALS: Principal[] = [
  { name: "anonymous", headers: () => ({}), apiKey: false, can: null },
  { name: "owner of A", headers: cookie(() => a.cookies.owner), apiKey: false, can: () => true },
  { name: "admin of A", headers: cookie(() => a.cookies.admin), apiKey: false, can: (area, access) => !(area === "members" && access === "write") },
  // The audit trail and the organisation's usage are for owners and admins.
  { name: "member of A", headers: cookie(() => a.cookies.member), apiKey: false, can: (area, access) => access === "read" && area !== "audit" && area !== "usage" },
  // An API key acts in its own organisation with its scopes (audit:read and usage:read included in admin:*).
  { name: "API key of A with admin:*", headers: bearer("full"), apiKey: true, can: () => true },
  { name: "API key of A with keys:read", headers: bearer("keysRead"), apiKey: true, can: (area, access) => area === "keys" && access === "read" },
  { name: "API key of A without scopes", headers: bearer("none"), apiKey: true, can: () => false },
  { name: "revoked API key of A", headers: bearer("revoked"), apiKey: true, can: null },
];

const ROUTES: Route[] = [
  { operation: "GET /api/tokens", area: "keys", access: "read", request: () => ({ path: "/api/tokens" }), allowed: 200 },
  { operation: "POST /api/tokens", area: "keys", access: "write", request: () => ({ path: "/api/tokens", json: { name: "matrix" } }), allowed: 201 },
  { operation: "PATCH /api/tokens/{id}", area: "keys", access: "write", request: (t) => ({ path: `/api/tokens/${t.keyId}`, json: { disabled: true } }), allowed: 404 },
  { operation: "DELETE /api/tokens/{id}", area: "keys", access: "write", request: (t) => ({ path: `/api/tokens/${t.keyId}` }), allowed: 404 },
  { operation: "GET /api/tokens/{id}", area: "keys", access: "read", request: (t) => ({ path: `/api/tokens/${t.keyId}` }), allowed: 404 },
  { operation: "GET /api/tokens/{id}/usage", area: "keys", access: "read", request: (t) => ({ path: `/api/tokens/${t.keyId}/usage` }), allowed: 404 },
  { operation: "POST /api/tokens/{id}/rotate", area: "keys", access: "write", request: (t) => ({ path: `/api/tokens/${t.keyId}/rotate`, json: { grace: "none" } }), allowed: 404 },
  // A publishable key for the other organisation's project: refused as no such project here.
  { operation: "GET /api/tokens/pk", area: "keys", access: "pk", apiKeyOnly: true, request: (t) => ({ path: `/api/tokens/pk?projectId=${t.projectId}` }), allowed: 400 },
  { operation: "GET /api/projects", area: "keys", access: "read", request: () => ({ path: "/api/projects" }), allowed: 200 },
  { operation: "POST /api/projects", area: "keys", access: "write", request: () => ({ path: "/api/projects", json: { name: unique("matrix project ") } }), allowed: 201 },
  { operation: "PATCH /api/projects/{id}", area: "keys", access: "write", request: (t) => ({ path: `/api/projects/${t.projectId}`, json: { name: "taken over" } }), allowed: 404 },
  { operation: "DELETE /api/projects/{id}", area: "keys", access: "write", request: (t) => ({ path: `/api/projects/${t.projectId}` }), allowed: 404 },
  { operation: "GET /api/settings/keys", area: "keys", access: "read", request: () => ({ path: "/api/settings/keys" }), allowed: 200 },
  // The defaults: A's key creation in the next rows stays unaffected.
  { operation: "PUT /api/settings/keys", area: "keys", access: "write", request: () => ({ path: "/api/settings/keys", json: { allowNoExpiry: true, maxLifetimeDays: null, retentionDays: 30 } }), allowed: 200 },
  { operation: "GET /api/settings/scopes", area: "keys", access: "read", request: () => ({ path: "/api/settings/scopes" }), allowed: 200 },
  { operation: "POST /api/settings/scopes", area: "keys", access: "write", request: () => ({ path: "/api/settings/scopes", json: { name: unique("matrixa:") } }), allowed: 201 },
  { operation: "DELETE /api/settings/scopes/{id}", area: "keys", access: "write", request: (t) => ({ path: `/api/settings/scopes/${t.scopeId}` }), allowed: 404 },
  { operation: "GET /api/usage", area: "usage", access: "read", request: () => ({ path: "/api/usage" }), allowed: 200 },
  { operation: "GET /api/members", area: "members", access: "read", request: () => ({ path: "/api/members" }), allowed: 200 },
  { operation: "PATCH /api/members/{id}", area: "members", access: "write", request: (t) => ({ path: `/api/members/${t.membershipId}`, json: { role: "member" } }), allowed: 404 },
  { operation: "DELETE /api/members/{id}", area: "members", access: "write", request: (t) => ({ path: `/api/members/${t.membershipId}` }), allowed: 404 },
  { operation: "GET /api/registries", area: "registries", access: "read", request: () => ({ path: "/api/registries" }), allowed: 200 },
  // Private hosts are off for A, so discovery of a loopback URL is refused before any fetch.
  { operation: "POST /api/registries", area: "registries", access: "write", request: (t) => ({ path: "/api/registries", json: { url: "http://127.0.0.1:9", upstreamId: t.registryId } }), allowed: 400 },
  { operation: "POST /api/registries/discover", area: "registries", access: "write", request: () => ({ path: "/api/registries/discover", json: { url: "http://127.0.0.1:9" } }), allowed: 400 },
  { operation: "PATCH /api/registries/{id}", area: "registries", access: "write", request: (t) => ({ path: `/api/registries/${t.registryId}`, json: { name: "taken over" } }), allowed: 404 },
  { operation: "DELETE /api/registries/{id}", area: "registries", access: "write", request: (t) => ({ path: `/api/registries/${t.registryId}` }), allowed: 404 },
  { operation: "POST /api/registries/{id}/default", area: "registries", access: "write", request: (t) => ({ path: `/api/registries/${t.registryId}/default` }), allowed: 404 },
  { operation: "PUT /api/registries/order", area: "registries", access: "write", request: (t) => ({ path: "/api/registries/order", json: { ids: [t.registryId] } }), allowed: 409 },
  { operation: "GET /api/registries/resolve", area: "registries", access: "read", request: () => ({ path: "/api/registries/resolve?package=%40matrixb%2Fpkg" }), allowed: 200 },
  { operation: "GET /api/registries/export", area: "registries", access: "read", request: () => ({ path: "/api/registries/export" }), allowed: 200 },
  { operation: "POST /api/registries/export", area: "registries", access: "write", request: (t) => ({ path: "/api/registries/export", json: { mintKeyFor: t.registryId } }), allowed: 404 },
  { operation: "POST /api/registries/import", area: "registries", access: "write", request: () => ({ path: "/api/registries/import", yaml: "registries:\n  - name: Matrix A\n    url: https://matrix-a.example\n" }), allowed: 200 },
  { operation: "GET /api/audit", area: "audit", access: "read", request: () => ({ path: "/api/audit?limit=200" }), allowed: 200 },
  { operation: "GET /api/audit/export", area: "audit", access: "read", request: () => ({ path: "/api/audit/export" }), allowed: 200 },
  { operation: "GET /api/registries/settings", area: "registries", access: "read", request: () => ({ path: "/api/registries/settings" }), allowed: 200 },
  { operation: "PATCH /api/registries/settings", area: "registries", access: "write", request: () => ({ path: "/api/registries/settings", json: { allowPrivateHosts: false } }), allowed: 200 },
];

function expectedStatus(principal: Principal, route: Route): number {
  if (!principal.can) return 401;
  if (route.apiKeyOnly && !principal.apiKey) return 401;
  return principal.can(route.area, route.access) ? route.allowed : 403;
}

async function send(request: APIRequestContext, principal: Principal, route: Route) {
  const { path, json, yaml } = route.request(target);
  return request.fetch(path, {
    method: route.operation.split(" ")[0],
    headers: { ...principal.headers(), ...(yaml ? { "content-type": "application/yaml" } : {}) },
    data: yaml ?? json,
    maxRedirects: 0,
  });
}

test.beforeAll(async ({ request }) => {
  await ensureFirstAccount(request);
  a = await seedSecurityOrg("Matrix A");
  b = await seedSecurityOrg("Matrix B");
  for (const [name, scopes] of Object.entries(API_KEY_SCOPES) as [keyof typeof API_KEY_SCOPES, string[]][]) {
    const response = await request.post("/api/tokens", { headers: { cookie: a.cookies.owner }, data: { name: `matrix ${name}`, scopes } });
    expect(response.status(), await response.text()).toBe(201);
    const { key, rawKey } = await response.json();
    apiKeys[name] = rawKey;
    if (name === "revoked") expect((await request.delete(`/api/tokens/${key.id}`, { headers: { cookie: a.cookies.owner } })).status()).toBe(200);
  }
  const owner = { cookie: b.cookies.owner };
  const created = await request.post("/api/tokens", { headers: owner, data: { name: "matrix-b-secret-key" } });
  expect(created.status()).toBe(201);
  const { key, rawKey } = await created.json();
  const imported = await request.post("/api/registries/import", {
    headers: { ...owner, "content-type": "application/yaml" },
    data: "registries:\n  - name: Matrix B Private\n    url: https://matrix-b-private.example\n    api_key: prmd_matrix_b_upstream_secret\n    scopes: ['@matrixb']\n",
  });
  expect(imported.status()).toBe(200);
  expect((await request.patch("/api/registries/settings", { headers: owner, data: { allowPrivateHosts: true } })).status()).toBe(200);
  const registry = (await (await request.get("/api/registries", { headers: owner })).json()).data.find((entry: { name: string }) => entry.name === "Matrix B Private");
  const project = await request.post("/api/projects", { headers: owner, data: { name: "matrix-b-project" } });
  expect(project.status()).toBe(201);
  const scope = await request.post("/api/settings/scopes", { headers: owner, data: { name: "matrixb:secret", description: "matrix-b-scope" } });
  expect(scope.status()).toBe(201);
  const projectId: string = (await project.json()).project.id;
  const scopeId: string = (await scope.json()).scope.id;
  const membership = await withSecurityDb((client) => client.query<{ id: string; email: string }>(
    `SELECT m.id, u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."orgId" = $1 AND m.role = 'member'`,
    [b.orgId],
  ));
  target = { keyId: key.id, registryId: registry.id, registryUrl: registry.url, membershipId: membership.rows[0]!.id, projectId, scopeId };
  markers = [b.orgId, b.owner, b.admin, b.member, key.id, rawKey, key.prefix, "matrix-b-secret-key", registry.id, "Matrix B Private", "matrix-b-private", "prmd_matrix_b", membership.rows[0]!.id, membership.rows[0]!.email, projectId, "matrix-b-project", scopeId, "matrixb:secret", "matrix-b-scope"];
});

test("every session route is in the matrix", async ({ request }) => {
  const sessionRoutes = documentedOperations(await fetchDocument(request))
    .filter((operation) => operation.sessionOnly)
    .map((operation) => `${operation.method} ${operation.path}`)
    .sort();
  expect(ROUTES.map((route) => route.operation).sort()).toEqual(sessionRoutes);
});

for (const principal of PRINCIPALS) {
  test(`${principal.name}: no read or write of another organisation`, async ({ request }) => {
    const before = await orgSnapshot(b.orgId);
    const problems: string[] = [];
    for (const route of ROUTES) {
      const response = await send(request, principal, route);
      const text = await response.text();
      const expected = expectedStatus(principal, route);
      if (response.status() !== expected) problems.push(`${route.operation}: ${response.status()}, expected ${expected} — ${text.slice(0, 200)}`);
      for (const marker of markers) {
        if (text.includes(marker)) problems.push(`${route.operation}: the answer contains the other organisation's ${marker}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await orgSnapshot(b.orgId)).toBe(before);
  });
}

test("the other organisation still sees its own data (the matrix aimed at real rows)", async ({ request }) => {
  const keys = await (await request.get("/api/tokens", { headers: { cookie: b.cookies.member } })).json();
  expect(keys.data.map((key: { id: string }) => key.id)).toContain(target.keyId);
  const settings = await (await request.get("/api/registries/settings", { headers: { cookie: b.cookies.member } })).json();
  expect(settings).toEqual({ settings: { allowPrivateHosts: true } });
});
