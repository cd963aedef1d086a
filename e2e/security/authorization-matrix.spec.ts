import { expect, test, type APIRequestContext } from "@playwright/test";
import { ensureFirstAccount } from "../support/first-account";
import { OPERATIONS_TABLE, parseOperationsTable, type SpecRow } from "../../tests/auth/spec-copy";
import { extraAdminOf } from "../support/extra-member";
import { orgSnapshot, withSecurityDb } from "../support/security-db";
import { documentedOperations, fetchDocument, seedSecurityOrg } from "../support/security-org";
import type { SeededOrg } from "../support/seeded-org";

// Every declared operation × every principal, aimed at another organisation's resources. The
// operations come from the served OpenAPI document (generated from lib/api/operations); who may
// call each comes from the literal copy of docs/authorization.md (tests/auth/spec-copy.ts), not
// from the code. Expected: anonymous, publishable and revoked keys → 401; a principal the spec
// refuses → 403; one it allows → the row's outcome, which for another organisation's resource is
// never a success (404, 409 or 400). No answer may contain anything of the other organisation,
// and its rows must be exactly as before.
//
// Adding an operation is one row in ROUTES; adding a principal is one entry in PRINCIPALS.
test.describe.configure({ mode: "serial" });

const spec = new Map(parseOperationsTable(OPERATIONS_TABLE).map((row) => [row.operation, row]));

interface Principal {
  name: string;
  headers: () => Record<string, string>;
  /** Whether the spec lets it call the operation; null: it is not authenticated at all (401). */
  allows: ((row: SpecRow) => boolean) | null;
  session?: true;
}

interface Target {
  keyId: string;
  registryId: string;
  registryUrl: string;
  membershipId: string;
  projectId: string;
  scopeId: string;
  invitationId: string;
  webhookId: string;
}

interface Route {
  operation: string;
  request: (b: Target) => { path: string; json?: unknown; yaml?: string };
  /** The status when the principal may use the route (aimed at the other organisation's resources). */
  allowed: number;
}

let a: SeededOrg;
let b: SeededOrg;
let target: Target;
let markers: string[];

const cookie = (value: () => string) => () => ({ cookie: value() });
const bearer = (name: keyof typeof API_KEYS) => () => ({ authorization: `Bearer ${apiKeys[name]}` });
/** API keys of organisation A, created by its owner in beforeAll (roles from the README, or scopes). */
const API_KEYS = {
  reader: { role: "reader" },
  application: { role: "application" },
  developer: { role: "developer" },
  admin: { role: "admin" },
  none: { scopes: [] },
  revoked: { role: "admin" },
  publishable: { type: "pk" },
  orphaned: { role: "admin" },
} as const;
const apiKeys = Object.fromEntries(Object.keys(API_KEYS).map((name) => [name, ""])) as Record<keyof typeof API_KEYS, string>;
/** Names that must not collide when every principal creates one. */
let serial = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(serial++).toString(36)}`;

const PRINCIPALS: Principal[] = [
  { name: "anonymous", headers: () => ({}), allows: null },
  { name: "owner of A", headers: cookie(() => a.cookies.owner), allows: (row) => row.sessions.owner, session: true },
  { name: "admin of A", headers: cookie(() => a.cookies.admin), allows: (row) => row.sessions.admin, session: true },
  { name: "member of A", headers: cookie(() => a.cookies.member), allows: (row) => row.sessions.member, session: true },
  { name: "reader key of A", headers: bearer("reader"), allows: (row) => row.keys.reader },
  { name: "application key of A", headers: bearer("application"), allows: (row) => row.keys.application },
  { name: "developer key of A", headers: bearer("developer"), allows: (row) => row.keys.developer },
  { name: "admin key of A", headers: bearer("admin"), allows: (row) => row.keys.admin },
  { name: "API key of A without scopes", headers: bearer("none"), allows: () => false },
  { name: "admin key of a removed member of A", headers: bearer("orphaned"), allows: () => false },
  { name: "revoked API key of A", headers: bearer("revoked"), allows: null },
  { name: "publishable key of A", headers: bearer("publishable"), allows: null },
];

const ROUTES: Route[] = [
  { operation: "GET /api/tokens", request: () => ({ path: "/api/tokens" }), allowed: 200 },
  { operation: "POST /api/tokens", request: () => ({ path: "/api/tokens", json: { name: "matrix" } }), allowed: 201 },
  { operation: "PATCH /api/tokens/{id}", request: (t) => ({ path: `/api/tokens/${t.keyId}`, json: { disabled: true } }), allowed: 404 },
  { operation: "DELETE /api/tokens/{id}", request: (t) => ({ path: `/api/tokens/${t.keyId}` }), allowed: 404 },
  { operation: "GET /api/tokens/{id}", request: (t) => ({ path: `/api/tokens/${t.keyId}` }), allowed: 404 },
  { operation: "GET /api/tokens/{id}/usage", request: (t) => ({ path: `/api/tokens/${t.keyId}/usage` }), allowed: 404 },
  { operation: "GET /api/tokens/{id}/verifications", request: (t) => ({ path: `/api/tokens/${t.keyId}/verifications` }), allowed: 404 },
  {
    operation: "GET /api/tokens/{id}/verifications/export",
    request: (t) => ({ path: `/api/tokens/${t.keyId}/verifications/export` }),
    allowed: 404,
  },
  {
    operation: "POST /api/tokens/{id}/rotate",
    request: (t) => ({ path: `/api/tokens/${t.keyId}/rotate`, json: { grace: "none" } }),
    allowed: 404,
  },
  // A publishable key for the other organisation's project: refused as no such project here.
  { operation: "GET /api/tokens/pk", request: (t) => ({ path: `/api/tokens/pk?projectId=${t.projectId}` }), allowed: 400 },
  { operation: "GET /api/projects", request: () => ({ path: "/api/projects" }), allowed: 200 },
  { operation: "POST /api/projects", request: () => ({ path: "/api/projects", json: { name: unique("matrix project ") } }), allowed: 201 },
  {
    operation: "PATCH /api/projects/{id}",
    request: (t) => ({ path: `/api/projects/${t.projectId}`, json: { name: "taken over" } }),
    allowed: 404,
  },
  { operation: "DELETE /api/projects/{id}", request: (t) => ({ path: `/api/projects/${t.projectId}` }), allowed: 404 },
  { operation: "GET /api/settings/keys", request: () => ({ path: "/api/settings/keys" }), allowed: 200 },
  // The defaults: A's key creation in the next rows stays unaffected.
  {
    operation: "PUT /api/settings/keys",
    request: () => ({ path: "/api/settings/keys", json: { allowNoExpiry: true, maxLifetimeDays: null, retentionDays: 30 } }),
    allowed: 200,
  },
  { operation: "GET /api/settings/scopes", request: () => ({ path: "/api/settings/scopes" }), allowed: 200 },
  {
    operation: "POST /api/settings/scopes",
    request: () => ({ path: "/api/settings/scopes", json: { name: unique("matrixa:") } }),
    allowed: 201,
  },
  { operation: "DELETE /api/settings/scopes/{id}", request: (t) => ({ path: `/api/settings/scopes/${t.scopeId}` }), allowed: 404 },
  { operation: "GET /api/usage", request: () => ({ path: "/api/usage" }), allowed: 200 },
  { operation: "GET /api/verifications", request: () => ({ path: "/api/verifications?limit=200" }), allowed: 200 },
  { operation: "GET /api/verifications/export", request: () => ({ path: "/api/verifications/export" }), allowed: 200 },
  { operation: "GET /api/verifications/unknown-keys", request: () => ({ path: "/api/verifications/unknown-keys" }), allowed: 200 },
  { operation: "GET /api/members", request: () => ({ path: "/api/members" }), allowed: 200 },
  {
    operation: "PATCH /api/members/{id}",
    request: (t) => ({ path: `/api/members/${t.membershipId}`, json: { role: "member" } }),
    allowed: 404,
  },
  { operation: "DELETE /api/members/{id}", request: (t) => ({ path: `/api/members/${t.membershipId}` }), allowed: 404 },
  { operation: "GET /api/invitations", request: () => ({ path: "/api/invitations" }), allowed: 200 },
  // Other organisations' invitations are not found; inviting into A's own organisation works.
  {
    operation: "POST /api/invitations",
    request: () => ({ path: "/api/invitations", json: { email: `${unique("invitee")}@matrix-a.example`, role: "member" } }),
    allowed: 201,
  },
  { operation: "DELETE /api/invitations/{id}", request: (t) => ({ path: `/api/invitations/${t.invitationId}` }), allowed: 404 },
  { operation: "PATCH /api/organization", request: () => ({ path: "/api/organization", json: { name: "Matrix A" } }), allowed: 200 },
  { operation: "GET /api/registries", request: () => ({ path: "/api/registries" }), allowed: 200 },
  // Private hosts are off for A, so discovery of a loopback URL is refused before any fetch.
  {
    operation: "POST /api/registries",
    request: (t) => ({ path: "/api/registries", json: { url: "http://127.0.0.1:9", upstreamId: t.registryId } }),
    allowed: 400,
  },
  {
    operation: "POST /api/registries/discover",
    request: () => ({ path: "/api/registries/discover", json: { url: "http://127.0.0.1:9" } }),
    allowed: 400,
  },
  {
    operation: "PATCH /api/registries/{id}",
    request: (t) => ({ path: `/api/registries/${t.registryId}`, json: { name: "taken over" } }),
    allowed: 404,
  },
  { operation: "DELETE /api/registries/{id}", request: (t) => ({ path: `/api/registries/${t.registryId}` }), allowed: 404 },
  { operation: "POST /api/registries/{id}/default", request: (t) => ({ path: `/api/registries/${t.registryId}/default` }), allowed: 404 },
  {
    operation: "PUT /api/registries/order",
    request: (t) => ({ path: "/api/registries/order", json: { ids: [t.registryId] } }),
    allowed: 409,
  },
  { operation: "GET /api/registries/resolve", request: () => ({ path: "/api/registries/resolve?package=%40matrixb%2Fpkg" }), allowed: 200 },
  { operation: "GET /api/registries/export", request: () => ({ path: "/api/registries/export" }), allowed: 200 },
  { operation: "POST /api/registries/export", request: () => ({ path: "/api/registries/export", json: {} }), allowed: 200 },
  {
    operation: "POST /api/registries/import",
    request: () => ({ path: "/api/registries/import", yaml: "registries:\n  - name: Matrix A\n    url: https://matrix-a.example\n" }),
    allowed: 200,
  },
  // Private hosts are off for A: a loopback check is refused before any request.
  {
    operation: "POST /api/registries/check",
    request: () => ({ path: "/api/registries/check", json: { url: "http://127.0.0.1:9", apiKey: "npm_matrix_token" } }),
    allowed: 400,
  },
  { operation: "GET /api/webhooks", request: () => ({ path: "/api/webhooks" }), allowed: 200 },
  // A loopback target with private hosts off: refused, nothing created.
  {
    operation: "POST /api/webhooks",
    request: () => ({ path: "/api/webhooks", json: { url: "http://127.0.0.1:9/hook", eventTypes: ["key.revoked"] } }),
    allowed: 400,
  },
  {
    operation: "PATCH /api/webhooks/{id}",
    request: (t) => ({ path: `/api/webhooks/${t.webhookId}`, json: { url: "https://taken-over.example/hook" } }),
    allowed: 404,
  },
  { operation: "DELETE /api/webhooks/{id}", request: (t) => ({ path: `/api/webhooks/${t.webhookId}` }), allowed: 404 },
  { operation: "GET /api/webhooks/{id}/deliveries", request: (t) => ({ path: `/api/webhooks/${t.webhookId}/deliveries` }), allowed: 404 },
  {
    operation: "POST /api/webhooks/{id}/resend",
    request: (t) => ({ path: `/api/webhooks/${t.webhookId}/resend`, json: { deliveryId: t.webhookId } }),
    allowed: 404,
  },
  { operation: "POST /api/webhooks/{id}/test", request: (t) => ({ path: `/api/webhooks/${t.webhookId}/test` }), allowed: 404 },
  { operation: "GET /api/notifications", request: () => ({ path: "/api/notifications?limit=200" }), allowed: 200 },
  { operation: "GET /api/audit", request: () => ({ path: "/api/audit?limit=200" }), allowed: 200 },
  { operation: "GET /api/audit/export", request: () => ({ path: "/api/audit/export" }), allowed: 200 },
  { operation: "GET /api/registries/settings", request: () => ({ path: "/api/registries/settings" }), allowed: 200 },
  {
    operation: "PATCH /api/registries/settings",
    request: () => ({ path: "/api/registries/settings", json: { allowPrivateHosts: false } }),
    allowed: 200,
  },
];

function expectedStatus(principal: Principal, route: Route): number {
  if (!principal.allows) return 401;
  const row = spec.get(route.operation)!;
  if (principal.allows(row)) return route.allowed;
  // Servers' operations (the publishable-key request) do not take sessions at all.
  return principal.session && !row.sessions.owner && !row.sessions.admin && !row.sessions.member ? 401 : 403;
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
  for (const [name, settings] of Object.entries(API_KEYS) as [keyof typeof API_KEYS, object][]) {
    // The orphaned key is made by a fourth member of A, who is then removed from the organisation.
    const creator = name === "orphaned" ? await extraAdminOf(a) : { cookie: a.cookies.owner, membershipId: null };
    const response = await request.post("/api/tokens", {
      headers: { cookie: creator.cookie },
      data: { name: `matrix ${name}`, ...settings },
    });
    expect(response.status(), await response.text()).toBe(201);
    const { key, rawKey } = await response.json();
    apiKeys[name] = rawKey;
    if (name === "revoked")
      expect((await request.delete(`/api/tokens/${key.id}`, { headers: { cookie: a.cookies.owner } })).status()).toBe(200);
    if (creator.membershipId)
      await withSecurityDb((client) => client.query(`DELETE FROM "Membership" WHERE id = $1`, [creator.membershipId]));
  }
  const owner = { cookie: b.cookies.owner };
  const created = await request.post("/api/tokens", { headers: owner, data: { name: "matrix-b-secret-key" } });
  expect(created.status()).toBe(201);
  const { key, rawKey } = await created.json();
  // B's verification log has rows of its own (written within a second), with a marker in them.
  const verified = await request.post("/api/tokens/verify", { headers: { "user-agent": "matrix-b-agent" }, data: { key: rawKey } });
  expect((await verified.json()).code).toBe("VALID");
  await expect
    .poll(async () => (await (await request.get("/api/verifications", { headers: owner })).json()).data?.length ?? 0)
    .toBeGreaterThan(0);
  const imported = await request.post("/api/registries/import", {
    headers: { ...owner, "content-type": "application/yaml" },
    data: "registries:\n  - name: Matrix B Private\n    url: https://matrix-b-private.example\n    api_key: prmd_matrix_b_upstream_secret\n    scopes: ['@matrixb']\n",
  });
  expect(imported.status()).toBe(200);
  expect((await request.patch("/api/registries/settings", { headers: owner, data: { allowPrivateHosts: true } })).status()).toBe(200);
  const registry = (await (await request.get("/api/registries", { headers: owner })).json()).data.find(
    (entry: { name: string }) => entry.name === "Matrix B Private",
  );
  const project = await request.post("/api/projects", { headers: owner, data: { name: "matrix-b-project" } });
  expect(project.status()).toBe(201);
  const scope = await request.post("/api/settings/scopes", {
    headers: owner,
    data: { name: "matrixb:secret", description: "matrix-b-scope" },
  });
  expect(scope.status()).toBe(201);
  const projectId: string = (await project.json()).project.id;
  const scopeId: string = (await scope.json()).scope.id;
  const membership = await withSecurityDb((client) =>
    client.query<{ id: string; email: string }>(
      `SELECT m.id, u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."orgId" = $1 AND m.role = 'member'`,
      [b.orgId],
    ),
  );
  const invited = await request.post("/api/invitations", {
    headers: owner,
    data: { email: "matrix-b-invitee@matrix-b.example", role: "admin" },
  });
  expect(invited.status()).toBe(201);
  const invitationId: string = (await invited.json()).invitation.id;
  const hook = await request.post("/api/webhooks", {
    headers: owner,
    data: { url: "http://127.0.0.1:9/matrix-b-hook", eventTypes: ["key.revoked"], description: "matrix-b-webhook" },
  });
  expect(hook.status(), await hook.text()).toBe(201);
  const webhookId: string = (await hook.json()).webhook.id;
  target = {
    keyId: key.id,
    registryId: registry.id,
    registryUrl: registry.url,
    membershipId: membership.rows[0]!.id,
    projectId,
    scopeId,
    invitationId,
    webhookId,
  };
  markers = [
    b.orgId,
    b.owner,
    b.admin,
    b.member,
    key.id,
    rawKey,
    key.prefix,
    "matrix-b-secret-key",
    registry.id,
    "Matrix B Private",
    "matrix-b-private",
    "prmd_matrix_b",
    membership.rows[0]!.id,
    membership.rows[0]!.email,
    projectId,
    "matrix-b-project",
    scopeId,
    "matrixb:secret",
    "matrix-b-scope",
    invitationId,
    "matrix-b-invitee",
    webhookId,
    "matrix-b-hook",
    "matrix-b-webhook",
    "matrix-b-agent",
  ];
});

test("every declared operation that needs credentials is in the matrix and the spec, with the spec's permission", async ({ request }) => {
  const declared = documentedOperations(await fetchDocument(request)).filter((operation) => operation.authenticated);
  const names = declared.map((operation) => `${operation.method} ${operation.path}`).sort();
  expect(ROUTES.map((route) => route.operation).sort()).toEqual(names);
  expect([...spec.keys()].sort()).toEqual(names);
  for (const operation of declared)
    expect(operation.permission, operation.path).toBe(spec.get(`${operation.method} ${operation.path}`)!.permission);
});

for (const principal of PRINCIPALS) {
  test(`${principal.name}: no read or write of another organisation`, async ({ request }) => {
    const before = await orgSnapshot(b.orgId);
    const problems: string[] = [];
    for (const route of ROUTES) {
      const response = await send(request, principal, route);
      const text = await response.text();
      const expected = expectedStatus(principal, route);
      if (response.status() !== expected)
        problems.push(`${route.operation}: ${response.status()}, expected ${expected} — ${text.slice(0, 200)}`);
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
