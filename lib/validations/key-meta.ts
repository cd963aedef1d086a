import { z } from "zod";

/** A key's metadata, as UTF-8 JSON, is at most this many bytes (verification answers it on every call). */
export const KEY_META_MAX_BYTES = 4096;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON object (not an array or a scalar) of at most KEY_META_MAX_BYTES. */
export const keyMetaSchema = z
  .custom<Record<string, unknown>>(isPlainObject, { error: 'meta must be a JSON object, e.g. {"plan": "pro"}.' })
  .refine(
    (value) => new TextEncoder().encode(JSON.stringify(value)).length <= KEY_META_MAX_BYTES,
    `meta must be at most ${KEY_META_MAX_BYTES} bytes of JSON.`,
  )
  .meta({
    type: "object",
    additionalProperties: true,
    description: `A JSON object of at most ${KEY_META_MAX_BYTES} bytes; verification answers it as \`meta\`.`,
  });
