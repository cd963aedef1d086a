import http from "node:http";
import { expect, test, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { ensureFirstAccount } from "../support/first-account";
import { hostileBody, HOSTILE_STRINGS } from "../support/hostile-input";
import type { OpenApiDocument } from "../support/openapi-validator";
import { rowCounts } from "../support/security-db";
import { documentedOperations, fetchDocument, NO_SUCH_ID, seedSecurityOrg } from "../support/security-org";
import type { SeededOrg } from "../support/seeded-org";

// Random and hostile input over real HTTP, for every operation that takes input. A member's
// session sends them, so even a body that happens to be valid is refused (403) and changes
// nothing; public routes run on a server with sign-up closed. Every answer must be a 4xx with a
// JSON error and a clear message — never a 5xx — and no table may gain or lose a row.
test.describe.configure({ mode: "serial" });

const REFUSALS = [400, 401, 403, 404, 409, 413];
// Valid bodies that may succeed: a member may export config.yaml without secrets (which records
// an audit event, registry.export, and nothing else), and verification answers every well-formed
// question with 200 and a verdict — which for random input must be "not valid".
const MAY_SUCCEED: Record<string, (body: { valid?: boolean }) => boolean> = {
  "POST /api/registries/export": () => true,
  "POST /api/tokens/verify": (body) => body.valid === false,
};
let org: SeededOrg;
let document: OpenApiDocument;

test.beforeAll(async ({ request }) => {
  await ensureFirstAccount(request);
  org = await seedSecurityOrg("Hostile");
  document = await fetchDocument(request);
  // An organisation gets its built-in public registry on first read; do that now, so the
  // row counts below only move if hostile input moves them.
  expect((await request.get("/api/registries", { headers: { cookie: org.cookies.member } })).status()).toBe(200);
});

async function expectRefusal(response: APIResponse, what: string) {
  const text = await response.text();
  expect(REFUSALS, `${what} → ${response.status()} ${text.slice(0, 300)}`).toContain(response.status());
  const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
  expect(body.error?.code, what).toMatch(/^[A-Z_]+$/);
  expect(body.error?.message?.length ?? 0, what).toBeGreaterThan(10);
}

function fieldsOf(path: string, method: string): string[] {
  const operation = document.paths[path]?.[method.toLowerCase()] as {
    requestBody?: { content?: Record<string, { schema?: { properties?: object } }> };
  };
  return Object.keys(operation?.requestBody?.content?.["application/json"]?.schema?.properties ?? {});
}

test("every JSON body, random and hostile, is refused with a clear 4xx and changes nothing", async ({ request }) => {
  test.setTimeout(240_000);
  const operations = documentedOperations(await fetchDocument(request)).filter((operation) => operation.jsonBody);
  expect(operations.length).toBeGreaterThanOrEqual(10);
  const before = await rowCounts(["registry.export"]);
  for (const operation of operations) {
    const headers: Record<string, string> = operation.authenticated ? { cookie: org.cookies.member } : {};
    await fc.assert(
      fc.asyncProperty(hostileBody(fieldsOf(operation.path, operation.method)), async (body) => {
        const response = await request.fetch(operation.url, {
          method: operation.method,
          headers: { ...headers, "content-type": "application/json" },
          data: JSON.stringify(body) ?? "null",
        });
        const maySucceed = MAY_SUCCEED[`${operation.method} ${operation.path}`];
        if (response.ok() && maySucceed) return expect(maySucceed(await response.json())).toBe(true);
        await expectRefusal(response, `${operation.method} ${operation.path} ${JSON.stringify(body)?.slice(0, 200)}`);
      }),
      { numRuns: 40 },
    );
  }
  expect(await rowCounts(["registry.export"])).toEqual(before);
});

test("hostile path parameters and query strings are refused, never a 5xx", async ({ request }) => {
  const before = await rowCounts();
  const withParams = documentedOperations(document).filter((operation) => operation.path.includes("{"));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...withParams),
      fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: "binary" })),
      async (operation, raw) => {
        // Node itself answers 431 to URLs over 16 KiB, before Keysmith sees them: stay well below.
        const value = encodeURIComponent(raw.slice(0, 300).replace(/[\ud800-\udfff]/g, "x")) || "%20";
        const response = await request.fetch(operation.path.replace(/\{\w+\}/, value), {
          method: operation.method,
          headers: { cookie: org.cookies.owner, "content-type": "application/json" },
          data: operation.jsonBody ? "{}" : undefined,
        });
        await expectRefusal(response, `${operation.method} ${operation.path} with ${JSON.stringify(raw.slice(0, 80))}`);
      },
    ),
    { numRuns: 150 },
  );
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: "binary" })), async (raw) => {
      const value = encodeURIComponent(raw.slice(0, 300).replace(/[\ud800-\udfff]/g, "x"));
      const response = await request.get(`/api/registries/resolve?package=${value}`, { headers: { cookie: org.cookies.member } });
      if (response.status() !== 200) await expectRefusal(response, `resolve ${JSON.stringify(raw.slice(0, 80))}`);
    }),
    { numRuns: 100 },
  );
  // Every documented query parameter (list filters, search, audit filters, usage periods), sent by
  // an owner so that each reaches its validation: a 200 or a clear refusal, never a 5xx.
  const queryParameters = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method === "get")
      .flatMap(([, operation]) =>
        ((operation as { parameters?: { name: string; in: string }[] }).parameters ?? []).filter((parameter) => parameter.in === "query"),
      )
      .map((parameter) => ({ path: path.replace(/\{\w+\}/g, NO_SUCH_ID), name: parameter.name })),
  );
  expect(queryParameters.length).toBeGreaterThanOrEqual(20);
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...queryParameters),
      fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: "binary" })),
      async ({ path, name }, raw) => {
        const value = encodeURIComponent(raw.slice(0, 300).replace(/[\ud800-\udfff]/g, "x"));
        const response = await request.get(`${path}?${name}=${value}`, { headers: { cookie: org.cookies.owner } });
        if (response.status() !== 200) await expectRefusal(response, `${path}?${name}=${JSON.stringify(raw.slice(0, 80))}`);
      },
    ),
    { numRuns: 300 },
  );
  expect(await rowCounts()).toEqual(before);
});

/** Sends raw bytes with node:http (chunked when no length is given), as no well-behaved client would. */
function rawPost(
  baseURL: string,
  path: string,
  headers: Record<string, string>,
  chunks: Buffer[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, baseURL), { method: "POST", headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the whole body is sent.
    request.on("error", (error) => reject(error));
    let index = 0;
    const writeNext = () => {
      while (index < chunks.length) {
        if (!request.write(chunks[index++]!)) return void request.once("drain", writeNext);
      }
      request.end();
    };
    writeNext();
  });
}

test("huge, deep, binary and malformed bodies are refused without a 5xx", async ({ request, baseURL }) => {
  const before = await rowCounts();
  const owner = { cookie: org.cookies.owner, "content-type": "application/json" };
  const mib = Buffer.alloc(1024 * 1024, 0x61);
  const cases: [string, Record<string, string>, Buffer[], number][] = [
    ["just over 16 KiB", owner, [Buffer.from(JSON.stringify({ name: "x".repeat(16 * 1024) }))], 413],
    ["8 MiB declared", { ...owner, "content-length": String(8 * mib.length) }, Array(8).fill(mib), 413],
    ["8 MiB chunked", { ...owner, "transfer-encoding": "chunked" }, Array(8).fill(mib), 413],
    ["5,000 nested arrays", owner, [Buffer.from("[".repeat(5_000) + "]".repeat(5_000))], 400],
    ["2,000 nested objects", owner, [Buffer.from('{"a":'.repeat(2_000) + "1" + "}".repeat(2_000))], 400],
    ["invalid UTF-8", owner, [Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])], 400],
    ["a raw NUL inside JSON", owner, [Buffer.from('{"name":"a\u0000b"}')], 400],
    ["an escaped NUL in the name", owner, [Buffer.from('{"name":"a\\u0000b"}')], 400],
    ["a lone surrogate in the name", owner, [Buffer.from('{"name":"\\ud800"}')], 400],
    ["a right-to-left override in the name", owner, [Buffer.from('{"name":"invoice\\u202egnp.exe"}')], 400],
    ["no body", owner, [], 400],
    ["not JSON", owner, [Buffer.from("name=x")], 400],
    ["JSON without the content type", { cookie: org.cookies.owner }, [Buffer.from('{"name":"x"}')], 400],
    ["a JSON string", owner, [Buffer.from('"name"')], 400],
    [
      "duplicate keys hiding an unknown one",
      owner,
      [Buffer.from('{"name":"x","name":"y","orgId":"0190a6d2-0000-7000-8000-000000000000"}')],
      400,
    ],
    ["__proto__ pollution", owner, [Buffer.from('{"name":"x","__proto__":{"admin":true}}')], 400],
  ];
  for (const [label, headers, chunks, expected] of cases) {
    const answer = await rawPost(baseURL!, "/api/tokens", headers, chunks).catch((error: Error) => ({ status: -1, body: error.message }));
    // A 413 may reach the client as a reset connection once the server stops reading; never a 5xx.
    if (expected === 413 && answer.status === -1) continue;
    expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(expected);
    expect(JSON.parse(answer.body).error.message.length, label).toBeGreaterThan(10);
  }
  const yaml = await request.post("/api/registries/import", {
    headers: { cookie: org.cookies.owner, "content-type": "application/yaml" },
    data: Buffer.concat([Buffer.from("registries:\n  - name: "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]),
  });
  expect(yaml.status()).toBe(400);
  expect((await yaml.json()).error.message).toBe("The body is not valid UTF-8.");
  expect(await rowCounts()).toEqual(before);
});
