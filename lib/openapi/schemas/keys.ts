import { z } from "../zod";

// What the keys API answers (lib/keys/view.ts, detail.ts, list.ts, rotate.ts). Strict: a field
// that is not documented here — a hash, a secret — fails the contract test.

const timestamp = z.iso.datetime({ offset: true });

const keyViewShape = {
  id: z.uuid(),
  name: z.string(),
  description: z.string().openapi({ description: "What the key is for; empty when none." }),
  meta: z
    .record(z.string(), z.unknown())
    .nullable()
    .openapi({ description: "The owner's JSON object (at most 4096 bytes); verification answers it as `meta`.", example: { plan: "pro" } }),
  externalId: z
    .string()
    .nullable()
    .openapi({ description: "The key's owner in your own system (e.g. a customer id); filter with `externalId`.", example: "cus_1234" }),
  keyId: z
    .string()
    .openapi({ description: "The key's public id (12 characters after the type), as verification answers it.", example: "7GbX2kQp9LmN" }),
  prefix: z.string().openapi({ description: "The first 15 characters of the key.", example: "ks_live_sk_7GbX" }),
  maskedValue: z.string().openapi({ description: "The prefix with a mask: what the dashboard shows.", example: "ks_live_sk_7GbX****" }),
  type: z.enum(["sk", "pk"]).openapi({ description: "Secret (servers only) or publishable (browser-safe, read/execute scopes)." }),
  environment: z.enum(["live", "test"]),
  role: z
    .string()
    .nullable()
    .openapi({ description: "The role the key was created with; null for a custom set of scopes.", example: "reader" }),
  status: z.enum(["active", "expiring", "expired", "revoked", "disabled"]),
  scopes: z.array(z.string()).openapi({ example: ["packages:read"] }),
  rateLimitPerMinute: z.number().int().positive(),
  projectId: z.uuid().nullable().openapi({ description: "The project the key is limited to; null for every project." }),
  allowedIps: z
    .array(z.string())
    .openapi({ description: "IP addresses or CIDR ranges the key verifies from; empty for any.", example: ["203.0.113.0/24"] }),
  createdAt: timestamp,
  createdBy: z.string().openapi({ description: 'User id of the creator, or "apikey:<keyId>".' }),
  notBefore: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  disabledAt: timestamp.nullable(),
  leakedAt: timestamp
    .nullable()
    .openapi({ description: "When a secret scanner reported the key found in public (POST /api/leaks/github)." }),
  leakedUrl: z.string().nullable().openapi({ description: "Where the scanner found it." }),
  revokesAt: timestamp.nullable().openapi({ description: "Set by rotation: when this key stops working." }),
  replacedById: z.uuid().nullable().openapi({ description: "Set by rotation: the key that replaced this one." }),
  lastUsedAt: timestamp.nullable(),
  usageCount: z.number().int().nonnegative(),
  credits: z
    .strictObject({
      remaining: z
        .number()
        .int()
        .nonnegative()
        .nullable()
        .openapi({ description: "Usage credits left (written back from Redis within a second of use); null: unlimited.", example: 1000 }),
      refill: z
        .strictObject({
          interval: z.enum(["daily", "monthly"]),
          amount: z.number().int().positive().openapi({ description: "What remaining is set back to at each period's start (UTC)." }),
          dayOfMonth: z
            .number()
            .int()
            .min(1)
            .max(31)
            .nullable()
            .openapi({ description: "Monthly refills: the day (the month's last day when shorter)." }),
        })
        .nullable(),
    })
    .openapi({ description: "Usage credits verification spends (`cost`, default 1 per verification); USAGE_EXCEEDED when spent." }),
};

export const keyViewSchema = z.strictObject(keyViewShape).openapi("Key");

export const keyDetailSchema = z
  .strictObject({
    ...keyViewShape,
    createdByLabel: z.string().openapi({ description: "The creator's email where Keysmith knows it, else the creator's id." }),
    projectName: z.string().nullable(),
    replacedByName: z.string().nullable(),
  })
  .openapi("KeyDetail");

export const KEY_PATTERN_SOURCE = "^ks_(live|test)_(sk|pk)_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$";
const rawKeySchema = z.string().regex(new RegExp(KEY_PATTERN_SOURCE));

export const createdKeySchema = z
  .strictObject({
    key: keyViewSchema,
    rawKey: rawKeySchema.openapi({ description: "The full key. Returned by this call only: store it now." }),
  })
  .openapi("CreatedKey");

export const rotatedKeySchema = z
  .strictObject({
    key: keyViewSchema,
    rawKey: rawKeySchema.openapi({ description: "The new key's full value. Returned by this call only: store it now." }),
    previous: keyViewSchema,
  })
  .openapi("RotatedKey", {
    description: "`key` is the new key; `previous` the old one, revoked now or at its `revokesAt` after the grace period.",
  });

export const keyPageSchema = z
  .strictObject({
    data: z.array(keyViewSchema),
    page: z.number().int().positive(),
    pageSize: z.number().int().positive(),
    total: z.number().int().nonnegative().openapi({ description: "Keys matching the filters, on every page." }),
  })
  .openapi("KeyPage");
export const keyResultSchema = z.strictObject({ key: keyViewSchema });
export const keyDetailResultSchema = z.strictObject({ key: keyDetailSchema });

export const publishableKeySchema = z
  .strictObject({
    expiresAt: timestamp,
    value: rawKeySchema.openapi({ description: "The publishable key (ks_<env>_pk_…). Returned by this call only." }),
  })
  .openapi("PublishableKey");

export const keyPolicyResultSchema = z.strictObject({
  policy: z
    .strictObject({
      allowNoExpiry: z.boolean().openapi({ description: "Whether a key may never expire." }),
      maxLifetimeDays: z
        .number()
        .int()
        .positive()
        .nullable()
        .openapi({ description: "The longest lifetime a key may be given; null for no cap." }),
      retentionDays: z
        .number()
        .int()
        .nonnegative()
        .openapi({ description: "How long expired keys are kept before the retention job deletes them." }),
      revokeLeakedKeys: z
        .boolean()
        .openapi({ description: "Whether a leak report (POST /api/leaks/github) revokes the key (default) or only marks it leaked." }),
    })
    .openapi("KeyPolicy"),
});

export const catalogScopeSchema = z
  .strictObject({
    name: z.string().openapi({ example: "packages:read" }),
    description: z.string(),
    builtIn: z.boolean(),
    id: z.uuid().nullable().openapi({ description: "The organisation's own scopes have an id (to delete them); built-in ones null." }),
  })
  .openapi("CatalogScope");

export const verifyResultSchema = z
  .strictObject({
    valid: z.boolean(),
    code: z.enum([
      "VALID",
      "MALFORMED",
      "NOT_FOUND",
      "REVOKED",
      "EXPIRED",
      "DISABLED",
      "NOT_YET_VALID",
      "IP_NOT_ALLOWED",
      "INSUFFICIENT_SCOPE",
      "RATE_LIMITED",
      "USAGE_EXCEEDED",
    ]),
    keyId: z.string().nullable().openapi({ description: "The key's public id; null when no key was identified." }),
    orgId: z.uuid().nullable(),
    name: z.string().nullable(),
    type: z.enum(["sk", "pk"]).nullable(),
    environment: z
      .enum(["live", "test"])
      .nullable()
      .openapi({ description: "The key's environment, as stored (a key relabelled to another environment or type is unknown)." }),
    projectId: z.uuid().nullable().openapi({ description: "The project the key is limited to, if any." }),
    scopes: z.array(z.string()),
    expiresAt: timestamp.nullable(),
    meta: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "The key's metadata (PATCH /api/tokens/{id}); null when none or no key was identified." }),
    ratelimit: z.strictObject({ limit: z.number().int(), remaining: z.number().int(), reset: z.number().int() }).nullable(),
    remaining: z.number().int().nonnegative().nullable().openapi({
      description:
        "Usage credits left after this verification (USAGE_EXCEEDED: what there is, fewer than `cost`); null for a key without credits.",
    }),
  })
  .openapi("VerifyResult", {
    example: {
      valid: true,
      code: "VALID",
      keyId: "7GbX2kQp9LmN",
      orgId: "0190a6d2-0000-7000-8000-000000000000",
      name: "Deploy bot",
      type: "sk",
      environment: "live",
      projectId: null,
      scopes: ["packages:read"],
      expiresAt: null,
      meta: { plan: "pro" },
      ratelimit: { limit: 300, remaining: 299, reset: 1795000000000 },
      remaining: 41,
    },
  });
