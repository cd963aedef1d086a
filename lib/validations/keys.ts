import { z } from "zod";
import { KEY_ENVIRONMENTS, KEY_TYPES } from "@/lib/keys/format";
import { KEY_ROLES } from "@/lib/keys/roles";
import { SCOPE_MAX_LENGTH, SCOPES_MAX, isValidScope } from "@/lib/keys/scopes";
import { ALLOWLIST_MAX, canonicalRange } from "@/lib/net/ip-allowlist";
import { expiryPresetSchema } from "./expiry-preset";
import { keyMetaSchema } from "./key-meta";
import { refillSchema, remainingSchema } from "./credits";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const KEY_NAME_MAX = 64;
export const RATE_LIMIT_MIN = 1;
export const RATE_LIMIT_MAX = 1_000_000;
export const RATE_LIMIT_DEFAULT = 300;

export const keyNameSchema = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(KEY_NAME_MAX, `Name must be at most ${KEY_NAME_MAX} characters.`)
  .refine(isSafeText, `Name ${UNSAFE_TEXT_MESSAGE}.`);

export const scopeSchema = z
  .string({ error: "Each scope must be a string." })
  .max(SCOPE_MAX_LENGTH, `A scope must be at most ${SCOPE_MAX_LENGTH} characters.`)
  .refine(isValidScope, 'A scope looks like "packages:read" or "packages:*" (letters, digits, _ . -, separated by ":").');

export const scopesSchema = z
  .array(scopeSchema, { error: "scopes must be a list of strings." })
  .max(SCOPES_MAX, `At most ${SCOPES_MAX} scopes.`)
  .transform((scopes) => [...new Set(scopes)]);

export const rateLimitSchema = z
  .number({ error: "rateLimitPerMinute must be a whole number." })
  .int("rateLimitPerMinute must be a whole number.")
  .min(RATE_LIMIT_MIN, `rateLimitPerMinute must be at least ${RATE_LIMIT_MIN}.`)
  .max(RATE_LIMIT_MAX, `rateLimitPerMinute must be at most ${RATE_LIMIT_MAX.toLocaleString("en-US")}.`);

const dateTime = (field: string) =>
  z.iso
    .datetime({ offset: true, error: `${field} must be an ISO 8601 date-time, e.g. 2027-01-31T23:59:59Z.` })
    .transform((value) => new Date(value));

export const allowedIpsSchema = z
  .array(z.string({ error: "Each allowed IP must be a string." }).max(64, "An allowed IP range is at most 64 characters."), {
    error: "allowedIps must be a list of IP addresses or CIDR ranges.",
  })
  .max(ALLOWLIST_MAX, `At most ${ALLOWLIST_MAX} allowed IP ranges.`)
  .transform((entries, ctx) => {
    const ranges: string[] = [];
    entries.forEach((entry, index) => {
      const range = canonicalRange(entry);
      if (range) ranges.push(range);
      else
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `"${entry}" is not an IP address or CIDR range (e.g. 203.0.113.0/24, 2001:db8::/32).`,
        });
    });
    return [...new Set(ranges)];
  });

export const createKeySchema = z
  .strictObject({
    name: keyNameSchema,
    type: z.enum(KEY_TYPES, { error: 'type must be "sk" (secret) or "pk" (publishable).' }).optional(),
    environment: z.enum(KEY_ENVIRONMENTS, { error: 'environment must be "live" or "test".' }).optional(),
    role: z.enum(KEY_ROLES, { error: `role must be one of: ${KEY_ROLES.join(", ")}.` }).optional(),
    scopes: scopesSchema.optional(),
    /** A preset lifetime; or expiresAt for a custom date; neither (or expiresAt null) for "never". */
    expiresInDays: expiryPresetSchema("expiresInDays").optional(),
    expiresAt: dateTime("expiresAt")
      .refine((date) => date.getTime() > Date.now(), "expiresAt must be in the future.")
      .nullish(),
    notBefore: dateTime("notBefore").nullish(),
    projectId: z.uuid("projectId must be a project id (UUID).").nullish(),
    allowedIps: allowedIpsSchema.optional(),
    rateLimitPerMinute: rateLimitSchema.optional(),
    /** Usage credits (null or absent: unlimited) and their refill. */
    remaining: remainingSchema.nullish(),
    refill: refillSchema.nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.role !== undefined && input.scopes !== undefined) {
      ctx.addIssue({ code: "custom", path: ["scopes"], message: "Choose a role or a custom set of scopes, not both." });
    }
    if (input.refill != null && input.remaining === null) {
      ctx.addIssue({
        code: "custom",
        path: ["remaining"],
        message: "A key with a refill has credits: send remaining as a number (or leave it out).",
      });
    }
    if (input.expiresInDays !== undefined && input.expiresAt != null) {
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Choose a preset (expiresInDays) or a date (expiresAt), not both." });
    }
  });
export type CreateKeyInput = z.infer<typeof createKeySchema>;

export const ROTATION_GRACES = ["none", "1h", "24h", "7d"] as const;
export type RotationGrace = (typeof ROTATION_GRACES)[number];
export const rotateKeySchema = z.strictObject({
  grace: z.enum(ROTATION_GRACES, { error: `grace must be one of: ${ROTATION_GRACES.join(", ")}.` }),
});

export const KEY_DESCRIPTION_MAX = 500;
export const EXTERNAL_ID_MAX = 128;

export const keyDescriptionSchema = z
  .string({ error: "description must be a string." })
  .trim()
  .max(KEY_DESCRIPTION_MAX, `description must be at most ${KEY_DESCRIPTION_MAX} characters.`)
  .refine((value) => isSafeText(value.replace(/\r?\n/g, " ")), `description ${UNSAFE_TEXT_MESSAGE}.`);

export const externalIdSchema = z
  .string({ error: "externalId must be a string." })
  .trim()
  .min(1, "externalId must not be empty (send null to clear it).")
  .max(EXTERNAL_ID_MAX, `externalId must be at most ${EXTERNAL_ID_MAX} characters.`)
  .refine(isSafeText, `externalId ${UNSAFE_TEXT_MESSAGE}.`);

/** Every field is optional; the ones given change (null clears expiry, meta, externalId). */
export const updateKeySchema = z
  .strictObject({
    disabled: z.boolean({ error: "disabled must be true or false." }).optional(),
    name: keyNameSchema.optional(),
    description: keyDescriptionSchema.optional(),
    meta: keyMetaSchema.nullable().optional(),
    externalId: externalIdSchema.nullable().optional(),
    role: z.enum(KEY_ROLES, { error: `role must be one of: ${KEY_ROLES.join(", ")}.` }).optional(),
    scopes: scopesSchema.optional(),
    expiresInDays: expiryPresetSchema("expiresInDays").optional(),
    expiresAt: dateTime("expiresAt")
      .refine((date) => date.getTime() > Date.now(), "expiresAt must be in the future.")
      .nullable()
      .optional(),
    allowedIps: allowedIpsSchema.optional(),
    rateLimitPerMinute: rateLimitSchema.optional(),
    /** Usage credits: a number sets them, null makes the key unlimited (and drops its refill). */
    remaining: remainingSchema.nullable().optional(),
    /** The refill: an object sets it, null removes it (the credits stay). */
    refill: refillSchema.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.refill != null && input.remaining === null) {
      ctx.addIssue({
        code: "custom",
        path: ["remaining"],
        message: "A key with a refill has credits: send remaining as a number (or leave it out).",
      });
    }
    if (Object.values(input).every((value) => value === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "Send at least one field to change." });
    }
    if (input.role !== undefined && input.scopes !== undefined) {
      ctx.addIssue({ code: "custom", path: ["scopes"], message: "Choose a role or a custom set of scopes, not both." });
    }
    if (input.expiresInDays !== undefined && input.expiresAt !== undefined) {
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Choose a preset (expiresInDays) or a date (expiresAt), not both." });
    }
  });
export type UpdateKeyInput = z.infer<typeof updateKeySchema>;

export const keyIdParamSchema = z.uuid("Key id must be a UUID.");

export const keyPolicySchema = z.strictObject({
  allowNoExpiry: z.boolean({ error: "allowNoExpiry must be true or false." }),
  maxLifetimeDays: z
    .number({ error: "maxLifetimeDays must be a whole number of days, or null for no cap." })
    .int("maxLifetimeDays must be a whole number of days.")
    .min(1, "maxLifetimeDays must be at least 1.")
    .max(3650, "maxLifetimeDays must be at most 3650 (10 years).")
    .nullable(),
  retentionDays: z
    .number({ error: "retentionDays must be a whole number of days." })
    .int("retentionDays must be a whole number of days.")
    .min(0, "retentionDays must be at least 0.")
    .max(3650, "retentionDays must be at most 3650."),
  /** Whether a leak report revokes the key (default) or only marks it leaked. Absent: unchanged. */
  revokeLeakedKeys: z.boolean({ error: "revokeLeakedKeys must be true or false." }).optional(),
});
export type KeyPolicyInput = z.infer<typeof keyPolicySchema>;

export const orgScopeSchema = z.strictObject({
  name: scopeSchema,
  description: z
    .string({ error: "description must be a string." })
    .trim()
    .max(200, "description must be at most 200 characters.")
    .refine(isSafeText, `description ${UNSAFE_TEXT_MESSAGE}.`)
    .default(""),
});

export const keyListQuerySchema = z.strictObject({
  page: z.coerce
    .number({ error: "page must be a whole number from 1." })
    .int("page must be a whole number from 1.")
    .min(1, "page must be a whole number from 1.")
    .default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a whole number from 1 to 100." })
    .int("pageSize must be a whole number from 1 to 100.")
    .min(1, "pageSize must be a whole number from 1 to 100.")
    .max(100, "pageSize must be a whole number from 1 to 100.")
    .default(25),
  sort: z
    .enum(["createdAt", "lastUsedAt", "name", "expiresAt", "usageCount"], {
      error: "sort must be one of createdAt, lastUsedAt, name, expiresAt, usageCount.",
    })
    .default("createdAt"),
  order: z.enum(["asc", "desc"], { error: 'order must be "asc" or "desc".' }).default("desc"),
  status: z
    .enum(["active", "expiring", "expired", "revoked", "disabled"], {
      error: "status must be one of active, expiring, expired, revoked, disabled.",
    })
    .optional(),
  type: z.enum(KEY_TYPES, { error: 'type must be "sk" or "pk".' }).optional(),
  projectId: z.uuid("projectId must be a project id (UUID).").optional(),
  q: z.string().trim().max(100, "q must be at most 100 characters.").refine(isSafeText, `q ${UNSAFE_TEXT_MESSAGE}.`).optional(),
  externalId: z
    .string()
    .trim()
    .min(1, "externalId must not be empty.")
    .max(EXTERNAL_ID_MAX, `externalId must be at most ${EXTERNAL_ID_MAX} characters.`)
    .refine(isSafeText, `externalId ${UNSAFE_TEXT_MESSAGE}.`)
    .optional(),
});
export type KeyListQuery = z.infer<typeof keyListQuerySchema>;

export const publicKeyRequestSchema = z.strictObject({
  name: keyNameSchema.optional(),
  projectId: z.uuid("projectId must be a project id (UUID).").optional(),
  ttl: z.coerce
    .number({ error: "ttl must be a whole number of seconds." })
    .int("ttl must be a whole number of seconds.")
    .min(60, "ttl must be at least 60 seconds.")
    .max(30 * 24 * 3600, "ttl must be at most 2592000 seconds (30 days).")
    .optional(),
});
