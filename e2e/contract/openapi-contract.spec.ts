import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { startRegistryServer, type RegistryServer } from "../../tests/support/registry-server";
import { startWebhookReceiver } from "../../tests/support/webhook-receiver";
import { PASSWORD, uniqueEmail } from "../support/accounts";
import { ContractChecker, type OpenApiDocument } from "../support/openapi-validator";
import { e2eScanner } from "../support/scanner";
import { apiDatabaseUrl, seedOrg, type SeededOrg } from "../support/seeded-org";

// Every documented operation, called over real HTTP against `next start`: each answer's status
// must be documented for the operation and its body must match the documented schema. Every
// operation must be seen succeeding at least once.
test.describe.configure({ mode: "serial" });

let checker: ContractChecker;
let org: SeededOrg;
let server: RegistryServer;
const problems: string[] = [];
const NO_SUCH_ID = "0190a6d2-0000-7000-8000-000000000000";

test.beforeAll(async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  checker = new ContractChecker((await response.json()) as OpenApiDocument);
  org = await seedOrg(apiDatabaseUrl(), "Contract");
  server = await startRegistryServer();
});
test.afterAll(async () => {
  await server?.close();
});

type As = "owner" | "admin" | "member" | "anonymous";
interface Call {
  as?: As;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

/** Calls `operation` ("POST /api/tokens") with `path` filled in, checks the answer against the document. */
async function call(request: APIRequestContext, operation: string, path: string, options: Call = {}): Promise<APIResponse> {
  const method = operation.split(" ")[0]!;
  const cookie: Record<string, string> = options.as && options.as !== "anonymous" ? { cookie: org.cookies[options.as] } : {};
  const response = await request.fetch(path, {
    method,
    headers: { ...cookie, ...options.headers },
    data: options.json !== undefined ? options.json : options.body,
    maxRedirects: 0,
  });
  problems.push(...(await checker.check(operation, response)));
  return response;
}

test("keys", async ({ request }) => {
  await call(request, "GET /api/tokens", "/api/tokens", { as: "member" });
  await call(request, "GET /api/tokens", "/api/tokens");
  const created = await call(request, "POST /api/tokens", "/api/tokens", { as: "admin", json: { name: "Contract" } });
  expect(created.status()).toBe(201);
  const { key } = await created.json();
  await call(request, "POST /api/tokens", "/api/tokens", { as: "owner", json: { name: "" } });
  await call(request, "POST /api/tokens", "/api/tokens", { as: "member", json: { name: "x" } });
  await call(request, "POST /api/tokens", "/api/tokens", { as: "owner", json: { name: "x".repeat(20_000) } });
  await call(request, "PATCH /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "owner", json: { disabled: true } });
  await call(request, "PATCH /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "owner", json: { disabled: "yes" } });
  await call(request, "PATCH /api/tokens/{id}", `/api/tokens/${NO_SUCH_ID}`, { as: "owner", json: { disabled: false } });
  await call(request, "PATCH /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "member", json: { disabled: false } });
  await call(request, "DELETE /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "owner" });
  await call(request, "PATCH /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "owner", json: { disabled: false } });
  await call(request, "DELETE /api/tokens/{id}", `/api/tokens/${NO_SUCH_ID}`, { as: "owner" });
  await call(request, "DELETE /api/tokens/{id}", "/api/tokens/not-a-uuid", { as: "owner" });
  await call(request, "DELETE /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "member" });
});

test("verification, and API keys on the dashboard API", async ({ request }) => {
  const created = await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "Contract reader", scopes: ["keys:read", "packages:read"] },
  });
  const { rawKey } = await created.json();
  const valid = await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { key: rawKey, scopes: ["packages:read"] } });
  expect((await valid.json()).valid).toBe(true);
  await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { key: rawKey, scopes: ["packages:write"] } });
  await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { headers: { "x-api-key": "ks_live_nope" } });
  await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { keys: [rawKey] } });
  await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { key: "x".repeat(20_000) } });
  await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { headers: { "content-type": "application/json" }, body: "" });
  expect((await call(request, "GET /api/tokens", "/api/tokens", { headers: { authorization: `Bearer ${rawKey}` } })).status()).toBe(200);
  await call(request, "POST /api/tokens", "/api/tokens", {
    headers: { authorization: `Bearer ${rawKey}` },
    json: { name: "needs keys:write" },
  });
  await call(request, "GET /api/registries", "/api/registries", { headers: { "x-api-key": rawKey } });
  await call(request, "GET /api/tokens", "/api/tokens", { headers: { authorization: "Bearer ks_live_notakey" } });
  await call(request, "GET /api/ping", "/api/ping");
});

test("verification with ?status=http, and leak reports", async ({ request }) => {
  const created = await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "Contract leaked", scopes: ["packages:read"] },
  });
  const { key, rawKey } = await created.json();
  expect((await call(request, "POST /api/tokens/verify", "/api/tokens/verify?status=http", { json: { key: rawKey } })).status()).toBe(200);
  expect(
    (
      await call(request, "POST /api/tokens/verify", "/api/tokens/verify?status=http", {
        json: { key: rawKey, scopes: ["packages:write"] },
      })
    ).status(),
  ).toBe(403);
  expect((await call(request, "POST /api/tokens/verify", "/api/tokens/verify?status=teapot", { json: { key: rawKey } })).status()).toBe(
    400,
  );

  const scanner = e2eScanner();
  const body = JSON.stringify([
    { token: rawKey, type: "keysmith_api_key", url: "https://github.com/octo/demo/blob/abc/.env", source: "content" },
  ]);
  expect(
    (
      await call(request, "POST /api/leaks/github", "/api/leaks/github", { headers: { "content-type": "application/json" }, body })
    ).status(),
  ).toBe(401);
  const reported = await call(request, "POST /api/leaks/github", "/api/leaks/github", { headers: scanner.sign(body), body });
  expect(await reported.json()).toMatchObject([{ token_type: "keysmith_api_key", label: "true_positive" }]);
  const notAReport = JSON.stringify([{ type: "keysmith_api_key" }]);
  expect(
    (await call(request, "POST /api/leaks/github", "/api/leaks/github", { headers: scanner.sign(notAReport), body: notAReport })).status(),
  ).toBe(400);
  const detail = await (await call(request, "GET /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "member" })).json();
  expect(detail.key).toMatchObject({ status: "revoked", leakedUrl: "https://github.com/octo/demo/blob/abc/.env" });
  expect((await call(request, "POST /api/tokens/verify", "/api/tokens/verify?status=http", { json: { key: rawKey } })).status()).toBe(401);
  // The dashboard shows it: the key's page, rendered on the server.
  const page = await request.get(`/keys/${key.id}`, { headers: { cookie: org.cookies.member } });
  expect(await page.text()).toContain('data-testid="key-leaked"');
});

test("key lifecycle: list pages, detail, rotation, publishable keys", async ({ request }) => {
  await call(request, "GET /api/tokens", "/api/tokens?page=1&pageSize=5&sort=name&order=asc&status=active&type=sk&q=contract", {
    as: "member",
  });
  await call(request, "GET /api/tokens", "/api/tokens?pageSize=500", { as: "member" });
  const created = await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "Contract rotated", role: "reader", expiresInDays: 30, allowedIps: ["203.0.113.0/24"] },
  });
  expect(created.status()).toBe(201);
  const { key } = await created.json();
  await call(request, "POST /api/tokens", "/api/tokens", { as: "owner", json: { name: "x", role: "reader", scopes: ["packages:read"] } });
  expect((await call(request, "GET /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "member" })).status()).toBe(200);
  await call(request, "GET /api/tokens/{id}", `/api/tokens/${NO_SUCH_ID}`, { as: "member" });
  await call(request, "GET /api/tokens/{id}", "/api/tokens/not-a-uuid", { as: "member" });
  await call(request, "GET /api/tokens/{id}", `/api/tokens/${key.id}`);
  expect((await call(request, "GET /api/tokens/{id}/usage", `/api/tokens/${key.id}/usage?days=7`, { as: "member" })).status()).toBe(200);
  await call(request, "GET /api/tokens/{id}/usage", `/api/tokens/${key.id}/usage?days=0`, { as: "member" });
  await call(request, "GET /api/tokens/{id}/usage", `/api/tokens/${NO_SUCH_ID}/usage`, { as: "member" });
  const rotated = await call(request, "POST /api/tokens/{id}/rotate", `/api/tokens/${key.id}/rotate`, {
    as: "owner",
    json: { grace: "1h" },
  });
  expect(rotated.status()).toBe(201);
  expect(
    (
      await call(request, "POST /api/tokens/{id}/rotate", `/api/tokens/${key.id}/rotate`, { as: "owner", json: { grace: "none" } })
    ).status(),
  ).toBe(409);
  await call(request, "POST /api/tokens/{id}/rotate", `/api/tokens/${key.id}/rotate`, { as: "owner", json: { grace: "2d" } });
  await call(request, "POST /api/tokens/{id}/rotate", `/api/tokens/${NO_SUCH_ID}/rotate`, { as: "owner", json: { grace: "none" } });
  await call(request, "POST /api/tokens/{id}/rotate", `/api/tokens/${key.id}/rotate`, { as: "member", json: { grace: "none" } });
  await call(request, "DELETE /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "owner" });
  await call(request, "GET /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "member" });

  const application = await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "Contract application", role: "application" },
  });
  const server = { authorization: `Bearer ${(await application.json()).rawKey}` };
  const minted = await call(request, "GET /api/tokens/pk", "/api/tokens/pk?name=Contract%20page&ttl=3600", { headers: server });
  expect(minted.status()).toBe(200);
  const verdict = await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { key: (await minted.json()).value } });
  expect(await verdict.json()).toMatchObject({ valid: true, type: "pk" });
  await call(request, "GET /api/tokens/pk", "/api/tokens/pk?ttl=5", { headers: server });
  await call(request, "GET /api/tokens/pk", `/api/tokens/pk?projectId=${NO_SUCH_ID}`, { headers: server });
  await call(request, "GET /api/tokens/pk", "/api/tokens/pk", { as: "owner" });
  await call(request, "GET /api/tokens/pk", "/api/tokens/pk");
  const reader = await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "Contract no pk", scopes: ["keys:read"] },
  });
  await call(request, "GET /api/tokens/pk", "/api/tokens/pk", { headers: { authorization: `Bearer ${(await reader.json()).rawKey}` } });
});

test("projects", async ({ request }) => {
  const owner = { as: "owner" as const };
  const created = await call(request, "POST /api/projects", "/api/projects", { ...owner, json: { name: "Contract project" } });
  expect(created.status()).toBe(201);
  const { project } = await created.json();
  await call(request, "POST /api/projects", "/api/projects", { ...owner, json: { name: "Contract project" } });
  await call(request, "POST /api/projects", "/api/projects", { ...owner, json: { name: "evil\u202eproject" } });
  await call(request, "POST /api/projects", "/api/projects", { as: "member", json: { name: "Member project" } });
  expect((await call(request, "GET /api/projects", "/api/projects", { as: "member" })).status()).toBe(200);
  await call(request, "GET /api/projects", "/api/projects");
  expect(
    (
      await call(request, "PATCH /api/projects/{id}", `/api/projects/${project.id}`, { ...owner, json: { name: "Contract project 2" } })
    ).status(),
  ).toBe(204);
  await call(request, "PATCH /api/projects/{id}", `/api/projects/${project.id}`, { ...owner, json: { name: "" } });
  await call(request, "PATCH /api/projects/{id}", `/api/projects/${NO_SUCH_ID}`, { ...owner, json: { name: "x" } });
  const limited = await call(request, "POST /api/tokens", "/api/tokens", {
    ...owner,
    json: { name: "Contract limited", projectId: project.id },
  });
  expect(limited.status()).toBe(201);
  expect((await call(request, "DELETE /api/projects/{id}", `/api/projects/${project.id}`, owner)).status()).toBe(409);
  await call(request, "DELETE /api/tokens/{id}", `/api/tokens/${(await limited.json()).key.id}`, owner);
  await call(request, "DELETE /api/projects/{id}", `/api/projects/${project.id}`, { as: "member" });
  await call(request, "DELETE /api/projects/{id}", "/api/projects/not-a-uuid", owner);
  expect((await call(request, "DELETE /api/projects/{id}", `/api/projects/${project.id}`, owner)).status()).toBe(204);
  await call(request, "DELETE /api/projects/{id}", `/api/projects/${project.id}`, owner);
});

test("key settings and the scope catalogue", async ({ request }) => {
  const owner = { as: "owner" as const };
  const policy = await call(request, "GET /api/settings/keys", "/api/settings/keys", { as: "member" });
  expect(policy.status()).toBe(200);
  const current = (await policy.json()).policy;
  expect(
    (
      await call(request, "PUT /api/settings/keys", "/api/settings/keys", { ...owner, json: { ...current, maxLifetimeDays: 3650 } })
    ).status(),
  ).toBe(200);
  await call(request, "PUT /api/settings/keys", "/api/settings/keys", { ...owner, json: current });
  await call(request, "PUT /api/settings/keys", "/api/settings/keys", { ...owner, json: { ...current, retentionDays: -1 } });
  await call(request, "PUT /api/settings/keys", "/api/settings/keys", { as: "member", json: current });
  expect((await call(request, "GET /api/settings/scopes", "/api/settings/scopes", { as: "member" })).status()).toBe(200);
  const added = await call(request, "POST /api/settings/scopes", "/api/settings/scopes", {
    ...owner,
    json: { name: "contract:read", description: "Read contracts." },
  });
  expect(added.status()).toBe(201);
  await call(request, "POST /api/settings/scopes", "/api/settings/scopes", { ...owner, json: { name: "contract:read" } });
  await call(request, "POST /api/settings/scopes", "/api/settings/scopes", { ...owner, json: { name: "packages:read" } });
  await call(request, "POST /api/settings/scopes", "/api/settings/scopes", { ...owner, json: { name: "no scope" } });
  await call(request, "POST /api/settings/scopes", "/api/settings/scopes", { as: "member", json: { name: "member:read" } });
  await call(request, "DELETE /api/settings/scopes/{id}", "/api/settings/scopes/not-a-uuid", owner);
  await call(request, "DELETE /api/settings/scopes/{id}", `/api/settings/scopes/${(await added.json()).scope.id}`, { as: "member" });
  expect(
    (await call(request, "DELETE /api/settings/scopes/{id}", `/api/settings/scopes/${(await added.json()).scope.id}`, owner)).status(),
  ).toBe(204);
  await call(request, "DELETE /api/settings/scopes/{id}", `/api/settings/scopes/${NO_SUCH_ID}`, owner);
});

test("usage", async ({ request }) => {
  expect((await call(request, "GET /api/usage", "/api/usage?days=7", { as: "owner" })).status()).toBe(200);
  await call(request, "GET /api/usage", "/api/usage?days=500", { as: "owner" });
  await call(request, "GET /api/usage", "/api/usage", { as: "member" });
  await call(request, "GET /api/usage", "/api/usage");
});

test("usage credits and the verification log", async ({ request }) => {
  const created = await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "Contract credits", remaining: 2, refill: { interval: "monthly", amount: 5, dayOfMonth: 31 } },
  });
  expect(created.status()).toBe(201);
  const { key, rawKey } = await created.json();
  await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "x", refill: { interval: "daily", amount: 1, dayOfMonth: 3 } },
  });
  expect(
    (await (await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { key: rawKey, cost: 2 } })).json()).remaining,
  ).toBe(0);
  expect((await (await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { key: rawKey } })).json()).code).toBe(
    "USAGE_EXCEEDED",
  );
  await call(request, "POST /api/tokens/verify", "/api/tokens/verify", { json: { key: rawKey, cost: -1 } });
  await call(request, "POST /api/tokens/verify", "/api/tokens/verify?status=http", { json: { key: rawKey } });
  await call(request, "PATCH /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "owner", json: { remaining: 10, refill: null } });
  await call(request, "PATCH /api/tokens/{id}", `/api/tokens/${key.id}`, { as: "owner", json: { remaining: -5 } });
  const path = `/api/tokens/${key.id}/verifications`;
  await expect
    .poll(async () => (await (await request.get(path, { headers: { cookie: org.cookies.member } })).json()).data?.length ?? 0)
    .toBeGreaterThan(0);
  expect(
    (await call(request, "GET /api/tokens/{id}/verifications", `${path}?code=USAGE_EXCEEDED&limit=5`, { as: "member" })).status(),
  ).toBe(200);
  await call(request, "GET /api/tokens/{id}/verifications", `${path}?code=NOPE`, { as: "member" });
  await call(request, "GET /api/tokens/{id}/verifications", `/api/tokens/${NO_SUCH_ID}/verifications`, { as: "member" });
  await call(request, "GET /api/tokens/{id}/verifications", path);
  expect(
    (await call(request, "GET /api/tokens/{id}/verifications/export", `${path}/export?from=2020-01-01`, { as: "member" })).status(),
  ).toBe(200);
  await call(request, "GET /api/tokens/{id}/verifications/export", `/api/tokens/${NO_SUCH_ID}/verifications/export`, { as: "member" });
  expect((await call(request, "GET /api/verifications", `/api/verifications?keyId=${key.keyId}&limit=2`, { as: "owner" })).status()).toBe(
    200,
  );
  await call(request, "GET /api/verifications", "/api/verifications?from=2027-01-02&to=2027-01-01", { as: "owner" });
  await call(request, "GET /api/verifications", "/api/verifications", { as: "member" });
  expect((await call(request, "GET /api/verifications/export", "/api/verifications/export?code=VALID", { as: "owner" })).status()).toBe(
    200,
  );
  await call(request, "GET /api/verifications/export", "/api/verifications/export?ip=nope", { as: "owner" });
  expect((await call(request, "GET /api/verifications/unknown-keys", "/api/verifications/unknown-keys", { as: "owner" })).status()).toBe(
    200,
  );
  await call(request, "GET /api/verifications/unknown-keys", "/api/verifications/unknown-keys?from=x", { as: "owner" });
});

test("accounts", async ({ request }) => {
  const email = uniqueEmail("contract");
  expect((await call(request, "POST /api/auth/sign-up", "/api/auth/sign-up", { json: { email, password: PASSWORD } })).status()).toBe(201);
  await call(request, "POST /api/auth/sign-up", "/api/auth/sign-up", { json: { email, password: PASSWORD } });
  await call(request, "POST /api/auth/sign-up", "/api/auth/sign-up", { json: { email: "nope", password: PASSWORD } });
  const signedIn = await call(request, "POST /api/auth/sign-in", "/api/auth/sign-in", { json: { email, password: PASSWORD } });
  expect(signedIn.status()).toBe(200);
  await call(request, "POST /api/auth/sign-in", "/api/auth/sign-in", { json: { email, password: "wrong password, long" } });
  await call(request, "POST /api/auth/sign-in", "/api/auth/sign-in", { json: { email } });
  await call(request, "POST /api/auth/sign-out", "/api/auth/sign-out", { headers: { origin: "https://evil.example" } });
  await call(request, "POST /api/auth/sign-out", "/api/auth/sign-out");
});

test("members", async ({ request }) => {
  const list = await call(request, "GET /api/members", "/api/members", { as: "member" });
  await call(request, "GET /api/members", "/api/members");
  const members: { id: string; userId: string }[] = (await list.json()).data;
  const admin = members.find((m) => m.userId === org.admin)!;
  const owner = members.find((m) => m.userId === org.owner)!;
  await call(request, "PATCH /api/members/{id}", `/api/members/${admin.id}`, { as: "owner", json: { role: "admin" } });
  await call(request, "PATCH /api/members/{id}", `/api/members/${admin.id}`, { as: "owner", json: { role: "root" } });
  await call(request, "PATCH /api/members/{id}", `/api/members/${admin.id}`, { as: "member", json: { role: "owner" } });
  await call(request, "PATCH /api/members/{id}", `/api/members/${NO_SUCH_ID}`, { as: "owner", json: { role: "admin" } });
  await call(request, "PATCH /api/members/{id}", `/api/members/${owner.id}`, { as: "owner", json: { role: "member" } });
  await call(request, "DELETE /api/members/{id}", `/api/members/${owner.id}`, { as: "owner" });
  await call(request, "DELETE /api/members/{id}", `/api/members/${NO_SUCH_ID}`, { as: "owner" });
  await call(request, "DELETE /api/members/{id}", `/api/members/${admin.id}`, { as: "member" });
  expect((await call(request, "DELETE /api/members/{id}", `/api/members/${admin.id}`, { as: "owner" })).status()).toBe(204);
});

test("invitations and the organisation", async ({ request }) => {
  const created = await call(request, "POST /api/invitations", "/api/invitations", {
    as: "owner",
    json: { email: "contract-invitee@example.test", role: "admin" },
  });
  expect(created.status()).toBe(201);
  const { invitation } = await created.json();
  await call(request, "POST /api/invitations", "/api/invitations", { as: "owner", json: { email: "not an email", role: "admin" } });
  await call(request, "POST /api/invitations", "/api/invitations", { as: "member", json: { email: "x@example.test", role: "member" } });
  expect((await call(request, "GET /api/invitations", "/api/invitations", { as: "member" })).status()).toBe(200);
  await call(request, "DELETE /api/invitations/{id}", `/api/invitations/${NO_SUCH_ID}`, { as: "owner" });
  expect((await call(request, "DELETE /api/invitations/{id}", `/api/invitations/${invitation.id}`, { as: "owner" })).status()).toBe(204);
  expect(
    (
      await call(request, "PATCH /api/organization", "/api/organization", { as: "owner", json: { name: "Contract organisation" } })
    ).status(),
  ).toBe(200);
  await call(request, "PATCH /api/organization", "/api/organization", { as: "owner", json: { name: "" } });
  await call(request, "PATCH /api/organization", "/api/organization", { as: "member", json: { name: "Taken over" } });
});

test("registries", async ({ request }) => {
  const owner = { as: "owner" as const };
  await call(request, "GET /api/registries/settings", "/api/registries/settings", { as: "member" });
  await call(request, "PATCH /api/registries/settings", "/api/registries/settings", { ...owner, json: { allowPrivateHosts: "yes" } });
  await call(request, "PATCH /api/registries/settings", "/api/registries/settings", { ...owner, json: { allowPrivateHosts: true } });
  await call(request, "POST /api/registries/discover", "/api/registries/discover", { ...owner, json: { url: `${server.url}/good` } });
  await call(request, "POST /api/registries/discover", "/api/registries/discover", {
    ...owner,
    json: { url: `${server.url}/wrong-shape` },
  });
  await call(request, "POST /api/registries/discover", "/api/registries/discover", { as: "member", json: { url: `${server.url}/good` } });
  const created = await call(request, "POST /api/registries", "/api/registries", {
    ...owner,
    json: { url: `${server.url}/good`, scopes: ["@contract"], apiKey: "prmd_contract_secret_1234" },
  });
  expect(created.status()).toBe(201);
  const { registry } = await created.json();
  await call(request, "POST /api/registries", "/api/registries", { ...owner, json: { url: `${server.url}/good` } });
  await call(request, "POST /api/registries/discover", "/api/registries/discover", { ...owner, json: { url: `${server.url}/good` } });
  const list = await call(request, "GET /api/registries", "/api/registries", { as: "member" });
  const ids: string[] = (await list.json()).data.map((entry: { id: string }) => entry.id);
  await call(request, "PATCH /api/registries/{id}", `/api/registries/${registry.id}`, {
    ...owner,
    json: { name: "Contract Private", apiKey: null },
  });
  await call(request, "PATCH /api/registries/{id}", `/api/registries/${registry.id}`, { ...owner, json: {} });
  await call(request, "PATCH /api/registries/{id}", `/api/registries/${NO_SUCH_ID}`, { ...owner, json: { name: "x" } });
  await call(request, "PATCH /api/registries/{id}", `/api/registries/${registry.id}`, { ...owner, json: { name: "npm public registry" } });
  await call(request, "GET /api/registries/resolve", "/api/registries/resolve?package=%40contract%2Fpkg", { as: "member" });
  await call(request, "GET /api/registries/resolve", "/api/registries/resolve?package=Not%20A%20Package", { as: "member" });
  await call(request, "PUT /api/registries/order", "/api/registries/order", { ...owner, json: { ids: [...ids].reverse() } });
  await call(request, "PUT /api/registries/order", "/api/registries/order", { ...owner, json: { ids: [ids[0]] } });
  await call(request, "PUT /api/registries/order", "/api/registries/order", { ...owner, json: { ids: "all" } });
  await call(request, "POST /api/registries/{id}/default", `/api/registries/${registry.id}/default`, owner);
  await call(request, "POST /api/registries/{id}/default", `/api/registries/${NO_SUCH_ID}/default`, owner);
  await call(request, "DELETE /api/registries/{id}", `/api/registries/${registry.id}`, owner);
  await call(request, "POST /api/registries/{id}/default", `/api/registries/${ids[0]}/default`, owner);
  await call(request, "GET /api/registries/export", "/api/registries/export", { as: "member" });
  await call(request, "POST /api/registries/export", "/api/registries/export", {
    ...owner,
    json: { includeSecrets: true, mintKeyFor: registry.id },
  });
  await call(request, "POST /api/registries/export", "/api/registries/export", { as: "member", json: { includeSecrets: true } });
  await call(request, "POST /api/registries/export", "/api/registries/export", { ...owner, json: { mintKeyFor: NO_SUCH_ID } });
  const yaml = { "content-type": "application/yaml" };
  await call(request, "POST /api/registries/import", "/api/registries/import", {
    ...owner,
    headers: yaml,
    body: "registries:\n  - name: Contract Import\n    url: https://contract-import.example\n",
  });
  await call(request, "POST /api/registries/import", "/api/registries/import", {
    ...owner,
    headers: yaml,
    body: "registries:\n  - name: X\n    url: nope://x\n",
  });
  await call(request, "POST /api/registries/import", "/api/registries/import", { ...owner, json: { registries: [] } });
  await call(request, "POST /api/registries/import", "/api/registries/import", { as: "member", headers: yaml, body: "registries: []\n" });
  await call(request, "DELETE /api/registries/{id}", `/api/registries/${ids.find((id) => id !== registry.id)}`, owner);
  expect((await call(request, "DELETE /api/registries/{id}", `/api/registries/${registry.id}`, owner)).status()).toBe(200);
});

test("webhooks, connection checks and live resolution", async ({ request }) => {
  const owner = { as: "owner" as const };
  // Private hosts were allowed in "registries": the loopback receiver is a valid target.
  const receiver = await startWebhookReceiver();
  try {
    const created = await call(request, "POST /api/webhooks", "/api/webhooks", {
      ...owner,
      json: { url: receiver.url, eventTypes: ["key.created"], description: "Contract" },
    });
    expect(created.status()).toBe(201);
    const { webhook, secret } = await created.json();
    expect(secret).toMatch(/^whsec_/);
    await call(request, "POST /api/webhooks", "/api/webhooks", {
      ...owner,
      json: { url: "http://169.254.169.254/", eventTypes: ["key.created"] },
    });
    await call(request, "POST /api/webhooks", "/api/webhooks", { ...owner, json: { url: receiver.url, eventTypes: ["key.nope"] } });
    await call(request, "POST /api/webhooks", "/api/webhooks", { as: "member", json: { url: receiver.url, eventTypes: ["key.created"] } });
    await call(request, "GET /api/webhooks", "/api/webhooks", owner);
    await call(request, "GET /api/webhooks", "/api/webhooks", { as: "member" });
    await call(request, "PATCH /api/webhooks/{id}", `/api/webhooks/${webhook.id}`, {
      ...owner,
      json: { eventTypes: ["key.created", "key.revoked"] },
    });
    await call(request, "PATCH /api/webhooks/{id}", `/api/webhooks/${NO_SUCH_ID}`, { ...owner, json: { disabled: true } });
    await call(request, "PATCH /api/webhooks/{id}", `/api/webhooks/${webhook.id}`, { ...owner, json: {} });
    expect((await call(request, "POST /api/webhooks/{id}/test", `/api/webhooks/${webhook.id}/test`, owner)).status()).toBe(202);
    await call(request, "POST /api/webhooks/{id}/test", `/api/webhooks/${NO_SUCH_ID}/test`, owner);
    await receiver.waitFor(1);
    const deliveries = await call(request, "GET /api/webhooks/{id}/deliveries", `/api/webhooks/${webhook.id}/deliveries`, owner);
    const [delivery] = (await deliveries.json()).data;
    await call(request, "GET /api/webhooks/{id}/deliveries", `/api/webhooks/${NO_SUCH_ID}/deliveries`, owner);
    const resent = await call(request, "POST /api/webhooks/{id}/resend", `/api/webhooks/${webhook.id}/resend`, {
      ...owner,
      json: { deliveryId: delivery.id },
    });
    expect(resent.status()).toBe(202);
    await call(request, "POST /api/webhooks/{id}/resend", `/api/webhooks/${webhook.id}/resend`, {
      ...owner,
      json: { deliveryId: NO_SUCH_ID },
    });
    await call(request, "GET /api/notifications", "/api/notifications?limit=5", { as: "member" });
    await call(request, "GET /api/notifications", "/api/notifications?limit=0", { as: "member" });
    expect((await call(request, "DELETE /api/webhooks/{id}", `/api/webhooks/${webhook.id}`, owner)).status()).toBe(200);
    await call(request, "DELETE /api/webhooks/{id}", `/api/webhooks/${webhook.id}`, owner);
  } finally {
    await receiver.close();
  }
  const check = await call(request, "POST /api/registries/check", "/api/registries/check", {
    ...owner,
    json: { url: `${server.url}/good`, apiKey: "npm_contract_token_1234" },
  });
  expect(await check.json()).toMatchObject({ ok: true });
  await call(request, "POST /api/registries/check", "/api/registries/check", {
    ...owner,
    json: { url: `${server.url}/good`, apiKey: "bad_token_1234" },
  });
  await call(request, "POST /api/registries/check", "/api/registries/check", { ...owner, json: { registryId: NO_SUCH_ID } });
  await call(request, "POST /api/registries/check", "/api/registries/check", { ...owner, json: { url: `${server.url}/good` } });
  const live = await call(request, "GET /api/registries/resolve", "/api/registries/resolve?package=%40contract%2Fpkg&live=true", {
    as: "member",
  });
  expect((await live.json()).live.answers.length).toBeGreaterThan(0);
  await call(request, "GET /api/registries/resolve", "/api/registries/resolve?package=pkg&live=maybe", { as: "member" });
});

test("audit", async ({ request }) => {
  // (The admin was removed in "members", which signed them out.)
  const page = await call(request, "GET /api/audit", "/api/audit?limit=5", { as: "owner" });
  expect(page.status()).toBe(200);
  await call(request, "GET /api/audit", "/api/audit?limit=0", { as: "owner" });
  await call(request, "GET /api/audit", "/api/audit", { as: "member" });
  await call(request, "GET /api/audit", "/api/audit");
  await call(request, "GET /api/audit/export", "/api/audit/export?area=key", { as: "owner" });
  await call(request, "GET /api/audit/export", "/api/audit/export?area=nope", { as: "owner" });
  const auditor = await call(request, "POST /api/tokens", "/api/tokens", {
    as: "owner",
    json: { name: "Contract auditor", scopes: ["audit:read"] },
  });
  const bearer = { authorization: `Bearer ${(await auditor.json()).rawKey}` };
  expect((await call(request, "GET /api/audit", "/api/audit?limit=5", { headers: bearer })).status()).toBe(200);
  expect((await call(request, "GET /api/audit/export", "/api/audit/export", { headers: bearer })).status()).toBe(200);
  await call(request, "GET /api/usage", "/api/usage", { headers: bearer });
});

test("public documents", async ({ request }) => {
  await call(request, "GET /api/health", "/api/health");
  await call(request, "GET /.well-known/registry.json", "/.well-known/registry.json");
  await call(request, "GET /api/openapi.json", "/api/openapi.json");
});

test("every answer was as documented, and every operation succeeded at least once", () => {
  expect(problems).toEqual([]);
  const neverSucceeded = checker
    .operations()
    .filter((operation) => ![...(checker.exercised.get(operation) ?? [])].some((status) => status < 300));
  expect(neverSucceeded).toEqual([]);
});
