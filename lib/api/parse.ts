import type { NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 16 * 1024;

function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  return issue.path.length > 0 ? issue.path.map(String).join(".") : undefined;
}

/** Validates `value`; the first problem becomes a 400 naming the field and the reason. */
export function validate<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = fieldOf(issue);
  const message =
    issue.code === "unrecognized_keys"
      ? `Unknown field: ${issue.keys.join(", ")}.`
      : issue.code === "invalid_type" && !field
        ? "The body must be a JSON object."
        : issue.message;
  return failValidation(message, field ?? (issue.code === "unrecognized_keys" ? issue.keys[0] : undefined));
}

function failValidation(message: string, field?: string): never {
  throw new AppError("VALIDATION_FAILED", message, field);
}

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body must be at most ${MAX_BODY_BYTES} bytes.`);

/**
 * Reads at most `limit` bytes of the body: a declared Content-Length over the limit is refused
 * before reading, and an undeclared (chunked) body is cut off as soon as it passes the limit,
 * so a huge body is never buffered whole.
 */
export async function readBodyBytes(request: Request, limit: number, onTooLarge: () => Error): Promise<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw onTooLarge();
  if (!request.body) return new Uint8Array();
  return readStreamLimited(request.body, limit, onTooLarge);
}

/** Reads a byte stream, cancelling it and throwing `onTooLarge()` as soon as it passes `limit`. */
export async function readStreamLimited(stream: ReadableStream<Uint8Array>, limit: number, onTooLarge: () => Error): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw onTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// One decoder for every body: decode() without { stream: true } keeps no state between calls, and
// making a fatal decoder costs more than decoding a verify body.
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly: a malformed byte sequence is an error, not a silent U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return failValidation("The body is not valid UTF-8.");
  }
}

export function isFormPost(request: NextRequest): boolean {
  return isFormContentType(request.headers.get("content-type"));
}

/** Whether a Content-Type is a plain HTML form's (also read by Keysmith's own server, before Next.js). */
export function isFormContentType(contentType: string | null | undefined): boolean {
  return (contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

/** Where a failed plain-form post goes: back to its page with the error, and the fields it keeps. */
export function formErrorPath(page: string, message: string, kept: [string, string][] = []): string {
  return `${page}?${new URLSearchParams([["error", message], ...kept])}`;
}

/** A urlencoded form's fields as an object (empty fields left out, as if not sent). */
export async function readFormBody(request: NextRequest): Promise<Record<string, string>> {
  const text = decodeUtf8(await readBodyBytes(request, MAX_BODY_BYTES, tooLarge));
  return Object.fromEntries([...new URLSearchParams(text)].filter(([, value]) => value !== ""));
}

export async function readJsonBody(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    failValidation("Send the body as JSON with Content-Type: application/json.");
  }
  const text = decodeUtf8(await readBodyBytes(request, MAX_BODY_BYTES, tooLarge));
  try {
    return JSON.parse(text);
  } catch {
    return failValidation("The body is not valid JSON.");
  }
}
