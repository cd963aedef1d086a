import { decodeUtf8, MAX_BODY_BYTES, readStreamLimited } from "@/lib/api/parse";
import { AppError } from "@/lib/errors";
import { headerValue, type HeaderSource } from "./credentials";

// The one reader of POST /api/tokens/verify bodies, used by the Next route and the standalone
// verify server alike, so a hostile body gets the same answer from both: over 16 KiB → 413
// (declared or counted while reading, never buffered whole), not UTF-8 → 400, a Content-Type
// other than JSON → 400, anything but exactly one JSON value (trailing data) → 400.

/**
 * A body as text (tests, in-process callers), as the request's byte stream (the Next route), or
 * as bytes read or being read (the verify server: node-body.ts, which applies the size limit itself).
 */
export type VerifyBodySource = string | Uint8Array | ReadableStream<Uint8Array> | Promise<Uint8Array> | null | undefined;

export const verifyBodyTooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
const tooLarge = verifyBodyTooLarge;
const invalid = (message: string) => new AppError("VALIDATION_FAILED", message);

/** JSON, or no declared type at all (a bare client); any other type is refused once there is a body. */
function isJsonType(contentType: string | null): boolean {
  if (contentType === null || contentType.trim() === "") return true;
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json";
}

/** The body as text: at once when it came as text or bytes, else after one await of its bytes or stream. */
function bodyText(headers: HeaderSource, source: VerifyBodySource): string | Promise<string> {
  if (source === null || source === undefined) return "";
  if (typeof source === "string") {
    if (Buffer.byteLength(source) > MAX_BODY_BYTES) throw tooLarge();
    return source;
  }
  if (source instanceof Uint8Array) return decodeUtf8(source);
  if (source instanceof Promise) return source.then(decodeUtf8);
  return streamText(headers, source);
}

async function streamText(headers: HeaderSource, source: ReadableStream<Uint8Array>): Promise<string> {
  const declared = headerValue(headers, "content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) {
    await source.cancel().catch(() => {});
    throw tooLarge();
  }
  return decodeUtf8(await readStreamLimited(source, MAX_BODY_BYTES, tooLarge));
}

/** The JSON value of a body read as text, or undefined when it is empty; AppError (400) for anything else. */
function parseBodyText(headers: HeaderSource, text: string): unknown {
  if (text.trim() === "") return undefined;
  if (!isJsonType(headerValue(headers, "content-type"))) {
    throw invalid("Send the body as JSON with Content-Type: application/json.");
  }
  // JSON.parse takes exactly one value: trailing data after it (`{…}junk`, `{…}{…}`) is an error.
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid("The body is not valid JSON.");
  }
}

/**
 * The parsed JSON value of the body, or undefined when there is none (the key is then expected in
 * a header): at once when the body is already there (text or bytes; JSON has no promise, so the
 * value is never one), else a promise while it is still being read. Throws (or rejects with)
 * AppError (413 or 400) for anything else.
 */
export function readVerifyBody(headers: HeaderSource, source: VerifyBodySource): unknown {
  const text = bodyText(headers, source);
  return typeof text === "string" ? parseBodyText(headers, text) : text.then((value) => parseBodyText(headers, value));
}
