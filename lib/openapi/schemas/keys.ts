import { z } from "../zod";

// What the keys API answers (lib/keys/view.ts). Strict: a field that is not documented here —
// a hash, a secret — fails the contract test.

const timestamp = z.iso.datetime({ offset: true });

export const keyViewSchema = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The first 12 characters of the key.", example: "ks_live_7GbX" }),
    environment: z.enum(["live", "test"]),
    status: z.enum(["active", "revoked", "expired"]),
    createdAt: timestamp,
    createdBy: z.string().openapi({ description: "User id of the creator." }),
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable(),
    usageCount: z.number().int().nonnegative(),
  })
  .openapi("Key");

export const KEY_PATTERN_SOURCE = "^ks_(live|test)_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$";

export const createdKeySchema = z
  .strictObject({
    key: keyViewSchema,
    rawKey: z.string().regex(new RegExp(KEY_PATTERN_SOURCE)).openapi({ description: "The full key. Returned by this call only: store it now." }),
  })
  .openapi("CreatedKey");

export const keyListSchema = z.strictObject({ data: z.array(keyViewSchema) });
export const keyResultSchema = z.strictObject({ key: keyViewSchema });
