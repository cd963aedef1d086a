import { z } from "zod";
import { VERIFY_CODES } from "@/lib/verify/result";
import { isValidIp } from "@/lib/net/ip-allowlist";

export const VERIFICATION_PAGE_MAX = 200;
export const VERIFICATION_PAGE_DEFAULT = 50;

/** Codes a logged verification can have: every verdict, and the errors that answer before one. */
export const LOGGED_CODES = [
  ...VERIFY_CODES,
  "VALIDATION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "UNAVAILABLE",
  "INTERNAL",
  "UNAUTHENTICATED",
  "FORBIDDEN",
] as const;

const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be an ISO 8601 date and time, e.g. 2026-11-23T10:00:00Z.` })
    .or(z.iso.date({ error: `${label} must be a date like 2026-11-23.` }))
    .transform((value) => new Date(value));

const keyFields = {
  code: z.enum(LOGGED_CODES, { error: `code must be one of: ${LOGGED_CODES.join(", ")}.` }).optional(),
  ip: z.string().trim().max(64, "ip must be an IPv4 or IPv6 address.").refine(isValidIp, "ip must be an IPv4 or IPv6 address.").optional(),
  from: instant("from").optional(),
  to: instant("to").optional(),
};

const orgFields = {
  ...keyFields,
  /** A key's public id (the 12 characters after ks_live_sk_), also one that matched no key. */
  keyId: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{12}$/, "keyId must be a key's public id: 12 letters and digits.")
    .optional(),
};

const fromBeforeTo = (filter: { from?: Date; to?: Date }) => !filter.from || !filter.to || filter.from < filter.to;
const FROM_BEFORE_TO = { message: "from must be before to.", path: ["from"] };

const pageFields = {
  cursor: z
    .string()
    .regex(/^[0-9]{1,19}$/, "cursor must be the nextCursor of a previous page.")
    .optional(),
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(VERIFICATION_PAGE_MAX, `limit must be at most ${VERIFICATION_PAGE_MAX}.`)
    .default(VERIFICATION_PAGE_DEFAULT),
};

/** One key's requests: filters for its Requests tab and its export. */
export const keyVerificationFilterSchema = z.strictObject(keyFields).refine(fromBeforeTo, FROM_BEFORE_TO);
export const keyVerificationPageSchema = z.strictObject({ ...keyFields, ...pageFields }).refine(fromBeforeTo, FROM_BEFORE_TO);

/** The organisation's requests. */
export const verificationFilterSchema = z.strictObject(orgFields).refine(fromBeforeTo, FROM_BEFORE_TO);
export const verificationPageSchema = z.strictObject({ ...orgFields, ...pageFields }).refine(fromBeforeTo, FROM_BEFORE_TO);

/** Failures of unknown key ids, grouped: a time range. */
export const unknownKeyQuerySchema = z.strictObject({ from: keyFields.from, to: keyFields.to }).refine(fromBeforeTo, FROM_BEFORE_TO);

export type VerificationFilter = z.infer<typeof verificationFilterSchema>;
export type VerificationPageQuery = z.infer<typeof verificationPageSchema>;
