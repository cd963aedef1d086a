import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/parse";
import { AppError } from "@/lib/errors";
import { readVerifyBody } from "@/lib/verify/body";

// The rules themselves; e2e/api/verify-body-contract.spec.ts proves both servers apply them alike.

function streamOf(text: string, chunk = 1000): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, (offset += chunk)));
    },
  });
}

/** "OK", or the status and message of the AppError the read threw or rejected with. */
async function codeOf(read: () => unknown): Promise<string> {
  try {
    await read();
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.message}`;
    throw error;
  }
}

describe("readVerifyBody", () => {
  const json = { "content-type": "application/json" };

  it("parses exactly one JSON value and refuses anything after it", async () => {
    expect(await readVerifyBody(json, streamOf('{"key":"k"}\n'))).toEqual({ key: "k" });
    expect(await codeOf(() => readVerifyBody(json, streamOf('{"key":"k"}junk')))).toBe("400 The body is not valid JSON.");
    expect(await codeOf(() => readVerifyBody(json, streamOf('{"key":"k"}{}')))).toBe("400 The body is not valid JSON.");
  });

  it("answers 413 past 16 KiB, declared or counted while reading, and stops reading", async () => {
    const over = "x".repeat(MAX_BODY_BYTES + 1);
    expect(await codeOf(() => readVerifyBody({ ...json, "content-length": String(over.length) }, streamOf("")))).toMatch(/^413/);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 4096;
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
    });
    expect(await codeOf(() => readVerifyBody(json, endless))).toMatch(/^413/);
    expect(pulled).toBeLessThan(MAX_BODY_BYTES + 3 * 4096);
    expect(await codeOf(() => readVerifyBody(json, over))).toMatch(/^413/);
  });

  it("takes JSON with or without a declared type, and refuses other types once there is a body", async () => {
    expect(await readVerifyBody({}, '{"key":"k"}')).toEqual({ key: "k" });
    expect(await readVerifyBody({ "content-type": "Application/JSON; charset=utf-8" }, '{"key":"k"}')).toEqual({ key: "k" });
    expect(await codeOf(() => readVerifyBody({ "content-type": "text/plain" }, '{"key":"k"}'))).toMatch(/^400 Send the body as JSON/);
    expect(await readVerifyBody({ "content-type": "text/plain" }, "")).toBeUndefined();
  });

  it("refuses invalid UTF-8 rather than replacing it", async () => {
    const bytes = Buffer.concat([Buffer.from('{"key":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const stream = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes), c.close()) });
    expect(await codeOf(() => readVerifyBody(json, stream))).toBe("400 The body is not valid UTF-8.");
  });
});
