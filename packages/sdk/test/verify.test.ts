import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, revokeKey } from "@/lib/keys/service";
import { createVerifier, KeysmithError } from "../src/index";
import { requireApiKey as expressGuard } from "../src/middleware/express";
import { requireApiKey as honoGuard } from "../src/middleware/hono";
import { withApiKey } from "../src/middleware/next";
import { createOrgWithMembers } from "@/tests/support/fixtures";
import { startKeysmithVerifyServer, waitFor, type Started } from "@/tests/support/processes";

// @keysmith/sdk's verifyKey() and middleware against a running Keysmith (the standalone verify
// server as its own process, on the test database), with real Express and Hono apps.

let keysmith: Started & { url: string };
let org: Awaited<ReturnType<typeof createOrgWithMembers>>;

beforeAll(async () => {
  org = await createOrgWithMembers();
  keysmith = await startKeysmithVerifyServer();
}, 120_000);
afterAll(async () => {
  await keysmith?.stop();
});

const readKey = async (rateLimitPerMinute?: number) =>
  createKey(org.owner, { name: "sdk", scopes: ["packages:read"], ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}) });

describe("verifyKey", () => {
  it("answers Keysmith's verdict and reuses a valid one for at most cacheTtlMs", async () => {
    const { rawKey } = await readKey();
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const verifier = createVerifier({ baseUrl: keysmith.url, cacheTtlMs: 1000, fetch: counting });
    expect(await verifier.verifyKey(rawKey, { scopes: ["packages:read"] })).toMatchObject({
      valid: true,
      code: "VALID",
      scopes: ["packages:read"],
    });
    expect(await verifier.verifyKey(rawKey, { scopes: ["packages:read"] })).toMatchObject({ valid: true });
    expect(requests).toBe(1);
    expect(await verifier.verifyKey(rawKey, { scopes: ["packages:write"] })).toMatchObject({ valid: false, code: "INSUFFICIENT_SCOPE" });
    expect(requests).toBe(2);
  });

  it("honours a revocation once the cache entry's time is up, never later", async () => {
    const created = await readKey();
    const ttl = 300;
    const verifier = createVerifier({ baseUrl: keysmith.url, cacheTtlMs: ttl });
    expect((await verifier.verifyKey(created.rawKey)).valid).toBe(true);
    const cachedAt = Date.now();
    await revokeKey(org.owner, created.key.id);
    // Keysmith applies the revocation itself (LISTEN/NOTIFY); wait for that, then for the entry to expire.
    await waitFor(
      async () =>
        (
          await fetch(`${keysmith.url}/api/tokens/verify`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ key: created.rawKey }),
          }).then((r) => r.json())
        ).code === "REVOKED"
          ? true
          : undefined,
      "Keysmith to see the revocation",
    );
    await waitFor(async () => (Date.now() > cachedAt + ttl ? true : undefined), "the cache entry to expire");
    expect(await verifier.verifyKey(created.rawKey)).toMatchObject({ valid: false, code: "REVOKED" });
  });

  it("refuses a cache longer than Keysmith's 1 s revocation bound, and reports Keysmith's errors", async () => {
    expect(() => createVerifier({ baseUrl: keysmith.url, cacheTtlMs: 5000 })).toThrow(RangeError);
    const verifier = createVerifier({ baseUrl: keysmith.url });
    await expect(verifier.verifyKey("x".repeat(2000))).rejects.toBeInstanceOf(KeysmithError);
  });
});

describe("middleware", () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  it("Express: 401 without a key or with a bad one, 403 without the scope, 429 with Retry-After, the verdict on req.keysmith", async () => {
    const verifier = createVerifier({ baseUrl: keysmith.url, cacheTtlMs: 0 });
    const app = express();
    app.get("/read", expressGuard({ verifier, scopes: ["packages:read"] }), (req, res) => {
      res.json({ keyId: (req as unknown as { keysmith: { keyId: string } }).keysmith.keyId });
    });
    app.get("/write", expressGuard({ verifier, scopes: ["packages:write"] }), (_req, res) => {
      res.json({ ok: true });
    });
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { rawKey } = await readKey(2);

    expect((await fetch(`${base}/read`)).status).toBe(401);
    expect((await fetch(`${base}/read`, { headers: { authorization: "Bearer ks_live_nope" } })).status).toBe(401);
    const ok = await fetch(`${base}/read`, { headers: { "x-api-key": rawKey } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ keyId: rawKey.slice(11, 23) });
    const forbidden = await fetch(`${base}/write`, { headers: { authorization: `Bearer ${rawKey}` } });
    expect(forbidden.status).toBe(403);
    // The key allows 2 successful verifications a minute: the third one is refused.
    expect((await fetch(`${base}/read`, { headers: { authorization: `Bearer ${rawKey}` } })).status).toBe(200);
    const limited = await fetch(`${base}/read`, { headers: { authorization: `Bearer ${rawKey}` } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
  });

  it("Hono and Next.js route handlers: the same rules", async () => {
    const verifier = createVerifier({ baseUrl: keysmith.url, cacheTtlMs: 0 });
    const { rawKey } = await readKey();
    const app = new Hono<{ Variables: { keysmith: { name: string | null } } }>();
    app.use("/read/*", honoGuard({ verifier, scopes: ["packages:read"] }));
    app.use("/write/*", honoGuard({ verifier, scopes: ["packages:write"] }));
    app.get("/read/x", (c) => c.json({ name: c.get("keysmith").name }));
    app.get("/write/x", (c) => c.json({ ok: true }));
    expect((await app.request("/read/x")).status).toBe(401);
    const ok = await app.request("/read/x", { headers: { authorization: `Bearer ${rawKey}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: "sdk" });
    expect((await app.request("/write/x", { headers: { authorization: `Bearer ${rawKey}` } })).status).toBe(403);

    const GET = withApiKey({ verifier, scopes: ["packages:read"] }, (_request, _context, verdict) =>
      Response.json({ scopes: verdict.scopes }),
    );
    expect((await GET(new Request("http://localhost/x"), {})).status).toBe(401);
    const answer = await GET(new Request("http://localhost/x", { headers: { "x-api-key": rawKey } }), {});
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ scopes: ["packages:read"] });
  });

  it("fails closed with 503 when Keysmith cannot be reached", async () => {
    const verifier = createVerifier({ baseUrl: "http://127.0.0.1:9", cacheTtlMs: 0 });
    const GET = withApiKey({ verifier }, () => new Response("never"));
    const { rawKey } = await readKey();
    expect((await GET(new Request("http://localhost/x", { headers: { "x-api-key": rawKey } }), {})).status).toBe(503);
  });
});
