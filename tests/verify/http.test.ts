import { Agent, createServer, request as httpRequest } from "node:http";
import { connect } from "node:net";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "@/lib/keys/format";
import { metrics } from "@/lib/metrics";
import { createKey } from "@/lib/keys/service";
import { Verifier } from "@/lib/verify";
import { apiKeyMiddleware, type ApiKeyRequest } from "@/lib/verify/express";
import { handleVerifyHttp } from "@/lib/verify/http";
import type { KeyState } from "@/lib/verify/key-state-store";
import { createVerifyServer } from "@/lib/verify/server";
import { createOrgWithMembers } from "../support/fixtures";
import { listen } from "../support/listen";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
let verifier: Verifier;

beforeAll(async () => {
  org = await createOrgWithMembers();
  verifier = (await testVerifier()).verifier;
});

describe("handleVerifyHttp", () => {
  it("takes the key from the body, Bearer, ApiKey or X-API-Key, always answering 200 with the verdict", async () => {
    const { rawKey } = await createKey(org.owner, { name: "http", scopes: ["packages:read"] });
    const requests = [
      { headers: {}, body: JSON.stringify({ key: rawKey }) },
      { headers: { authorization: `Bearer ${rawKey}` }, body: "" },
      { headers: { authorization: `apikey ${rawKey}` }, body: undefined },
      { headers: { "x-api-key": rawKey }, body: JSON.stringify({ scopes: ["packages:read"] }) },
    ];
    for (const request of requests) {
      const answer = await handleVerifyHttp({ ...request, ip: null }, verifier);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ valid: true, code: "VALID", name: "http" });
      expect(answer.headers).toMatchObject({ "RateLimit-Limit": "300", "Cache-Control": "no-store" });
      expect(Number(answer.headers["RateLimit-Reset"])).toBeGreaterThan(0);
    }
    const refused = await handleVerifyHttp(
      { headers: {}, body: JSON.stringify({ key: rawKey, scopes: ["packages:write"] }), ip: null },
      verifier,
    );
    expect(refused).toMatchObject({ status: 200, body: { valid: false, code: "INSUFFICIENT_SCOPE" } });
    const unknown = await handleVerifyHttp({ headers: {}, body: JSON.stringify({ key: generateKey().raw }), ip: null }, verifier);
    expect(unknown).toMatchObject({ status: 200, body: { valid: false, code: "NOT_FOUND" } });
  });

  it("answers 400 naming the field for a request that asks nothing sensible", async () => {
    const cases: [string, string | undefined][] = [
      ["", "key"],
      ["{}", "key"],
      ['{"key": 42}', "key"],
      ['{"key": "x", "scopes": "packages:read"}', "scopes"],
      ['{"key": "x", "scopes": ["nope"]}', "scopes.0"],
      ['{"key": "x", "extra": 1}', "extra"],
      ["{not json", undefined],
    ];
    for (const [body, field] of cases) {
      const answer = await handleVerifyHttp({ headers: {}, body, ip: null }, verifier);
      expect(answer.status, body).toBe(400);
      expect((answer.body as { error: { code: string; field?: string } }).error).toMatchObject({
        code: "VALIDATION_FAILED",
        ...(field ? { field } : {}),
      });
    }
  });

  it("answers 503 when the database cannot be reached, never a verdict", async () => {
    const dead = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    const down = new Verifier({
      connectionString: "postgres://postgres@127.0.0.1:1/none",
      loadStates: async (ids) => (await dead.query<KeyState>('SELECT * FROM "ApiKey" WHERE "keyId" = ANY($1)', [ids])).rows,
      redis: null,
      failuresPerMinute: 0,
    });
    try {
      const answer = await handleVerifyHttp({ headers: { "x-api-key": generateKey().raw }, body: "", ip: null }, down);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ error: { code: "UNAVAILABLE" } });
    } finally {
      await down.close();
      await dead.end();
    }
  });
});

describe("apiKeyMiddleware on a node:http server", () => {
  it("answers 401, 403, 429 itself and passes valid keys on with rate-limit headers", async () => {
    const guard = apiKeyMiddleware({ scopes: ["packages:read"], verifier });
    const base = await listen(
      createServer((req, res) =>
        guard(req as ApiKeyRequest, res, (error) => {
          if (error) {
            res.writeHead(500).end();
            return;
          }
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ keyId: (req as ApiKeyRequest).apiKey!.keyId }));
        }),
      ),
    );
    const get = (headers: Record<string, string>) => fetch(`${base}/packages`, { headers });
    const ok = await createKey(org.owner, { name: "mw", scopes: ["packages:*"], rateLimitPerMinute: 2 });
    const weak = await createKey(org.owner, { name: "mw weak", scopes: ["other:read"] });

    const missing = await get({});
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await missing.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await get({ authorization: "Bearer ks_live_nope" })).status).toBe(401);
    expect((await get({ "x-api-key": generateKey().raw })).status).toBe(401);
    const forbidden = await get({ "x-api-key": weak.rawKey });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("FORBIDDEN");

    const first = await get({ authorization: `Bearer ${ok.rawKey}` });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ keyId: ok.rawKey.slice(11, 23) });
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect((await get({ authorization: `ApiKey ${ok.rawKey}` })).status).toBe(200);
    const limited = await get({ "x-api-key": ok.rawKey });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
  });
});

describe("standalone verify server", () => {
  it("serves the same contract as the app on POST /api/tokens/verify and GET /api/health", async () => {
    const base = await listen(createVerifyServer({ verifier }));
    const { rawKey } = await createKey(org.owner, { name: "standalone" });
    const answer = await fetch(`${base}/api/tokens/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: rawKey }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit-limit")).toBe("300");
    expect(await answer.json()).toMatchObject({
      valid: true,
      code: "VALID",
      name: "standalone",
      ratelimit: { limit: 300, remaining: 299 },
    });
    const bearer = await fetch(`${base}/api/tokens/verify`, { method: "POST", headers: { authorization: `Bearer ${rawKey}` } });
    expect((await bearer.json()).code).toBe("VALID");
    const bad = await fetch(`${base}/api/tokens/verify`, { method: "POST", body: "{" });
    expect(bad.status).toBe(400);
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: "ok", clockSkewMs: expect.any(Number) });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it("answers many clients at once, each with its own key's verdict and request id (answers are sent in batches)", async () => {
    const base = await listen(createVerifyServer({ verifier, traced: true }));
    const keys = await Promise.all(Array.from({ length: 12 }, (_, index) => createKey(org.owner, { name: `batch ${index}` })));
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const asks = Array.from({ length: 240 }, (_, index) => {
      const key = keys[index % keys.length]!;
      // Every third request has a key with a broken checksum: its answer names no key.
      const raw = index % 3 === 2 ? key.rawKey.slice(0, -1) + (key.rawKey.endsWith("A") ? "B" : "A") : key.rawKey;
      return { index, keyId: key.rawKey.slice(11, 23), raw, valid: index % 3 !== 2 };
    });
    const answers = await Promise.all(
      asks.map(
        (ask) =>
          new Promise<{ requestId: string | undefined; body: { valid: boolean; keyId: string | null; name?: string } }>(
            (resolve, reject) => {
              const request = httpRequest(
                `${base}/api/tokens/verify`,
                { method: "POST", agent, headers: { "content-type": "application/json", "x-request-id": `ask-${ask.index}` } },
                (response) => {
                  let text = "";
                  response.setEncoding("utf8");
                  response.on("data", (chunk: string) => (text += chunk));
                  response.on("end", () => resolve({ requestId: response.headers["x-request-id"] as string, body: JSON.parse(text) }));
                },
              );
              request.on("error", reject);
              request.end(JSON.stringify({ key: ask.raw }));
            },
          ),
      ),
    );
    agent.destroy();
    answers.forEach((answer, index) => {
      const ask = asks[index]!;
      expect(answer.requestId).toBe(`ask-${ask.index}`);
      expect(answer.body.valid).toBe(ask.valid);
      expect(answer.body.keyId).toBe(ask.valid ? ask.keyId : null);
    });
  });

  it("traces every request once: its X-Request-Id, and the duration histogram by status, 499 for a client that left before its answer", async () => {
    const base = await listen(createVerifyServer({ verifier, traced: true }));
    const { rawKey } = await createKey(org.owner, { name: "traced" });
    const recorded = async (method: string, status: string) => {
      const text = await metrics().registry.metrics();
      const line = new RegExp(
        `^keysmith_http_request_duration_seconds_count\\{server="verify",method="${method}",status="${status}"\\} (\\d+)$`,
        "m",
      );
      return Number(line.exec(text)?.[1] ?? 0);
    };
    const before = { valid: await recorded("POST", "200"), bad: await recorded("POST", "400"), left: await recorded("POST", "499") };
    const before404 = await recorded("GET", "404");

    const valid = await fetch(`${base}/api/tokens/verify`, {
      method: "POST",
      headers: { "x-request-id": "trace-me-1", "content-type": "application/json" },
      body: JSON.stringify({ key: rawKey }),
    });
    expect(valid.headers.get("x-request-id")).toBe("trace-me-1");
    expect((await valid.json()).code).toBe("VALID");
    const bad = await fetch(`${base}/api/tokens/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Recorded as they were written: exactly once each.
    expect(await recorded("POST", "200")).toBe(before.valid + 1);
    expect(await recorded("POST", "400")).toBe(before.bad + 1);
    await expect.poll(() => recorded("GET", "404")).toBe(before404 + 1);

    // A client that sends half a body and leaves gets no answer, and counts as 499 (not as an answer).
    const socket = connect(Number(new URL(base).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write('POST /api/tokens/verify HTTP/1.1\r\nHost: localhost\r\nContent-Length: 200\r\n\r\n{"key":');
    await new Promise((resolve) => setImmediate(resolve));
    socket.destroy();
    await expect.poll(() => recorded("POST", "499")).toBe(before.left + 1);
    expect(await recorded("POST", "200")).toBe(before.valid + 1);
    expect(await recorded("POST", "400")).toBe(before.bad + 1);
  });
});
