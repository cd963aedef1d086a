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
    status: z.enum(["active", "disabled", "revoked", "expired"]),
    scopes: z.array(z.string()).openapi({ example: ["packages:read"] }),
    rateLimitPerMinute: z.number().int().positive(),
    createdAt: timestamp,
    createdBy: z.string().openapi({ description: "User id of the creator." }),
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    disabledAt: timestamp.nullable(),
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

export const verifyResultSchema = z
  .strictObject({
    valid: z.boolean(),
    code: z.enum(["VALID", "MALFORMED", "NOT_FOUND", "REVOKED", "EXPIRED", "DISABLED", "INSUFFICIENT_SCOPE", "RATE_LIMITED"]),
    keyId: z.string().nullable().openapi({ description: "The key's public id; null when no key was identified." }),
    orgId: z.uuid().nullable(),
    name: z.string().nullable(),
    scopes: z.array(z.string()),
    expiresAt: timestamp.nullable(),
    ratelimit: z.strictObject({ limit: z.number().int(), remaining: z.number().int(), reset: z.number().int() }).nullable(),
  })
  .openapi("VerifyResult", { example: { valid: true, code: "VALID", keyId: "7GbX2kQp9LmN", orgId: "0190a6d2-0000-7000-8000-000000000000", name: "Deploy bot", scopes: ["packages:read"], expiresAt: null, ratelimit: { limit: 300, remaining: 299, reset: 1795000000000 } } });
