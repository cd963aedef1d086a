import type { RawAnswer, RawRequest } from "./raw-http";

// The hostile verify bodies of e2e/api/verify-body-contract.spec.ts and the load test's
// "hostile verify bodies on both servers" scenario: the same list, the same expected answers.
const LIMIT = 16 * 1024;

const json = { "content-type": "application/json" };
const junk = (bytes: number) => "j".repeat(bytes);
const padded = (value: string, size: number) => value + " ".repeat(size - Buffer.byteLength(value));

/** Hostile bodies for POST /api/tokens/verify and the status both servers must answer; `rawKey` is a valid key. */
export function hostileVerifyBodies(rawKey: string): Record<string, { request: RawRequest; expected: number }> {
  const keyBody = JSON.stringify({ key: rawKey });
  const keyHeader = { "x-api-key": rawKey };
  return {
    "key in a header, 20 KB of junk body": { request: { headers: keyHeader, body: junk(20_000) }, expected: 413 },
    "key in a header, 20 KB of junk body, chunked": { request: { headers: keyHeader, body: junk(20_000), chunked: true }, expected: 413 },
    "valid key, then 20 KB of junk": { request: { headers: json, body: keyBody + junk(20_000) }, expected: 413 },
    "valid key, then junk": { request: { headers: json, body: `${keyBody}junk` }, expected: 400 },
    "valid key, then a second JSON value": { request: { headers: json, body: `${keyBody}{"key":"x"}` }, expected: 400 },
    "valid key, then a NUL": { request: { headers: json, body: `${keyBody}\u0000` }, expected: 400 },
    "body exactly at the limit": { request: { headers: json, body: padded(keyBody, LIMIT) }, expected: 200 },
    "one byte over the limit": { request: { headers: json, body: padded(keyBody, LIMIT + 1) }, expected: 413 },
    "one byte over the limit, chunked": { request: { headers: json, body: padded(keyBody, LIMIT + 1), chunked: true }, expected: 413 },
    "JSON as text/plain": { request: { headers: { "content-type": "text/plain" }, body: keyBody }, expected: 400 },
    "JSON as a form": { request: { headers: { "content-type": "application/x-www-form-urlencoded" }, body: keyBody }, expected: 400 },
    "JSON with a charset": { request: { headers: { "content-type": "application/json; charset=utf-8" }, body: keyBody }, expected: 200 },
    "JSON without a Content-Type": { request: { body: keyBody }, expected: 200 },
    "invalid UTF-8": {
      request: { headers: json, body: Buffer.concat([Buffer.from('{"key":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]) },
      expected: 400,
    },
    "a JSON array": { request: { headers: json, body: `[${keyBody}]` }, expected: 400 },
    "a JSON string": { request: { headers: json, body: JSON.stringify(rawKey) }, expected: 400 },
    null: { request: { headers: json, body: "null" }, expected: 400 },
    "deep nesting": { request: { headers: json, body: "[".repeat(5000) + "]".repeat(5000) }, expected: 400 },
    "an unknown field": { request: { headers: json, body: JSON.stringify({ key: rawKey, admin: true }) }, expected: 400 },
    "whitespace only, key in a header": { request: { headers: { ...json, ...keyHeader }, body: "  \n " }, expected: 200 },
    "a byte-order mark": {
      request: { headers: json, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(keyBody)]) },
      expected: 200,
    },
  };
}

/** What must match: the status, and the body without the per-server rate-limit counters. */
export function comparableAnswer(answer: RawAnswer) {
  const body: Record<string, unknown> =
    answer.body && typeof answer.body === "object" ? { ...(answer.body as Record<string, unknown>) } : { value: answer.body };
  delete body.ratelimit;
  return { status: answer.status, json: answer.contentType.startsWith("application/json"), body };
}
