import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { generateKey } from "@/lib/keys/format";
import { createLogger } from "@/lib/log";

function capture(options: { redact?: boolean } = {}) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(stream, options);
  logger.level = "trace";
  return { logger, lines };
}

describe("log redaction", () => {
  it("never writes a raw key, whatever field, header, message or error carries it", () => {
    const { logger, lines } = capture();
    const { raw, secret, keyId } = generateKey();
    logger.info({ req: { headers: { authorization: `Bearer ${raw}`, "x-api-key": raw, cookie: "ks_session=abc" } } }, "request");
    logger.info({ headers: { authorization: `ApiKey ${raw}` } }, "headers");
    logger.info({ body: { key: raw }, rawKey: raw }, "body");
    logger.info({ note: `the caller sent ${raw} in a query` }, `message mentioning ${raw}`);
    logger.info(`template ${raw} and a truncated ${raw.slice(0, 45)}`);
    logger.error({ err: new Error(`could not verify ${raw}`) }, "failure");
    logger.warn({ nested: { deeper: { list: [raw] } } }, "nested");

    expect(lines).toHaveLength(7);
    const output = lines.join("");
    expect(output).not.toContain(secret);
    expect(output).not.toContain(secret.slice(0, 16));
    expect(output).not.toContain("ks_session=abc");
    expect(output).toContain(`ks_live_sk_${keyId}_[redacted]`);
    expect(JSON.parse(lines[0]!).req.headers).toEqual({ authorization: "[redacted]", "x-api-key": "[redacted]", cookie: "[redacted]" });
  });

  it("cuts a key from the request lines too, which skip the redaction paths (a key sent as X-Request-Id or in a path)", () => {
    const { logger, lines } = capture({ redact: false });
    const { raw, secret, keyId } = generateKey();
    logger.info({ requestId: raw, method: "POST", path: `/api/tokens/${raw}`, status: 200, durationMs: 1.2 }, "request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret.slice(0, 16));
    expect(JSON.parse(lines[0]!)).toMatchObject({
      requestId: `ks_live_sk_${keyId}_[redacted]`,
      path: `/api/tokens/ks_live_sk_${keyId}_[redacted]`,
    });
  });
});
