import { z } from "zod";
import { SCOPE_MAX_LENGTH, SCOPES_MAX, isValidScope } from "@/lib/keys/scopes";
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

export const createKeySchema = z.strictObject({
  name: keyNameSchema,
  expiresAt: z.iso
    .datetime({ offset: true, error: "expiresAt must be an ISO 8601 date-time, e.g. 2027-01-31T23:59:59Z." })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() > Date.now(), "expiresAt must be in the future.")
    .nullish(),
  scopes: scopesSchema.optional(),
  rateLimitPerMinute: rateLimitSchema.optional(),
});
export type CreateKeyInput = z.infer<typeof createKeySchema>;

export const updateKeySchema = z.strictObject({
  disabled: z.boolean({ error: "disabled must be true or false." }),
});

export const keyIdParamSchema = z.uuid("Key id must be a UUID.");
