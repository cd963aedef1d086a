import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readJsonBody } from "@/lib/api/parse";
import { AppError } from "@/lib/errors";

const URL = "http://localhost/api/tokens";

function jsonRequest(body: BodyInit, headers: Record<string, string> = {}) {
  // duplex is required for a streamed body; Next's RequestInit type does not list it.
  const init = { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" };
  return new NextRequest(URL, init as ConstructorParameters<typeof NextRequest>[1]);
}

/** A body streamed in 1 KiB chunks without Content-Length; counts how much was pulled. */
function endlessStream(totalBytes: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      pulled += 1024;
      controller.enqueue(new Uint8Array(1024).fill(0x20));
    },
  });
  return { stream, pulled: () => pulled };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("readJsonBody", () => {
  it("reads a JSON body up to the limit", async () => {
    const body = JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES - 20) });
    expect(await readJsonBody(jsonRequest(body))).toEqual(JSON.parse(body));
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const { stream, pulled } = endlessStream(10 * 1024 * 1024);
    const error = await failure(readJsonBody(jsonRequest(stream, { "content-length": String(10 * 1024 * 1024) })));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it("stops reading an undeclared body as soon as it passes the limit", async () => {
    const { stream, pulled } = endlessStream(100 * 1024 * 1024);
    const error = await failure(readJsonBody(jsonRequest(stream)));
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: `The body must be at most ${MAX_BODY_BYTES} bytes.` });
    expect(pulled()).toBeLessThan(MAX_BODY_BYTES + 64 * 1024);
  });

  it("refuses invalid UTF-8 instead of replacing it", async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    expect(await failure(readJsonBody(jsonRequest(bytes)))).toMatchObject({
      code: "VALIDATION_FAILED",
      message: "The body is not valid UTF-8.",
    });
  });

  it("refuses other content types and malformed JSON with a clear message", async () => {
    const text = new NextRequest(URL, { method: "POST", body: "{}", headers: { "content-type": "text/plain" } });
    expect((await failure(readJsonBody(text))).message).toMatch(/Content-Type: application\/json/);
    expect((await failure(readJsonBody(jsonRequest("{nope")))).message).toBe("The body is not valid JSON.");
  });
});
