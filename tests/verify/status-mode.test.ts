import { createServer } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import verifyRoute from "@/pages/api/tokens/verify";
import { generateKey } from "@/lib/keys/format";
import { createKey, revokeKey } from "@/lib/keys/service";
import { createVerifyServer } from "@/lib/verify/server";
import { createOrgWithMembers } from "../support/fixtures";
import { listen } from "../support/listen";
import { testVerifier } from "../support/verifier";

// `?status=http`: the verdict as the status, on the standalone verify server and the route a bare
// `next start` serves (pages/api/tokens/verify.ts, here on node:http as Next.js hands it Node's
// request and response), both over real HTTP; without it every verdict stays 200.

let base: string;
let routeBase: string;
let org: Awaited<ReturnType<typeof createOrgWithMembers>>;

beforeAll(async () => {
  org = await createOrgWithMembers();
  base = await listen(createVerifyServer({ verifier: (await testVerifier()).verifier }));
  routeBase = await listen(createServer((req, res) => void verifyRoute(req, res)));
});

const verifyAt = (at: string, query: string, body: unknown) =>
  fetch(`${at}/api/tokens/verify${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const verify = (query: string, body: unknown) => verifyAt(base, query, body);
const route = (query: string, body: unknown) => verifyAt(routeBase, query, body);

describe("verify with ?status=http", () => {
  it("answers 200 valid, 401 no valid key, 403 not allowed, 429 limited with Retry-After — the body is the verdict", async () => {
    const { rawKey } = await createKey(org.owner, { name: "status", scopes: ["packages:read"] });
    const valid = await verify("?status=http", { key: rawKey });
    expect(valid.status).toBe(200);
    expect(await valid.json()).toMatchObject({ valid: true, code: "VALID" });

    const unknown = await verify("?status=http", { key: generateKey().raw });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toContain("Bearer");
    expect(await unknown.json()).toMatchObject({ valid: false, code: "NOT_FOUND" });
    expect((await verify("?status=http", { key: "ks_nope" })).status).toBe(401);

    const scope = await verify("?status=http", { key: rawKey, scopes: ["packages:write"] });
    expect(scope.status).toBe(403);
    expect(await scope.json()).toMatchObject({ code: "INSUFFICIENT_SCOPE" });

    const limited = await createKey(org.owner, { name: "limited", scopes: ["packages:read"], rateLimitPerMinute: 1 });
    expect((await verify("?status=http", { key: limited.rawKey })).status).toBe(200);
    const refused = await verify("?status=http", { key: limited.rawKey });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
    expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("answers 401 once a key is revoked; without the mode the same verdict is a 200", async () => {
    const created = await createKey(org.owner, { name: "to revoke", scopes: ["packages:read"] });
    await revokeKey(org.owner, created.key.id);
    await expect.poll(async () => (await verify("?status=http", { key: created.rawKey })).status).toBe(401);
    const plain = await verify("", { key: created.rawKey });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({ valid: false, code: "REVOKED" });
  });

  it("refuses an unknown mode with 400 naming status, on both servers", async () => {
    const answer = await verify("?status=teapot", { key: generateKey().raw });
    expect(answer.status).toBe(400);
    expect((await answer.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "status" });
    const refused = await route("?status=teapot", {});
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.field).toBe("status");
    expect((await route("?status=http", { key: generateKey().raw })).status).toBe(401);
  });

  it("the Next route answers like the verify server: the same status and JSON text, as application/json, not cached", async () => {
    for (const key of ["ks_nope", generateKey().raw]) {
      const served = await verify("", { key });
      const routed = await route("", { key });
      expect(routed.status).toBe(served.status);
      expect(routed.headers.get("content-type")).toBe("application/json");
      expect(routed.headers.get("cache-control")).toBe("no-store");
      expect(served.headers.get("cache-control")).toBe("no-store");
      expect(await routed.text()).toBe(await served.text());
    }
  });

  it("the Next route answers other methods as Next.js does for a route handler: 405 with Allow, OPTIONS 204", async () => {
    const get = await fetch(`${routeBase}/api/tokens/verify`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("OPTIONS, POST");
    expect(get.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await get.text()).toBe("");
    const options = await fetch(`${routeBase}/api/tokens/verify`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("OPTIONS, POST");
  });
});
