import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_AREAS } from "@/lib/audit/types";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be an ISO 8601 date and time, e.g. 2026-11-23T10:00:00Z.` })
    .or(z.iso.date({ error: `${label} must be a date like 2026-11-23.` }))
    .transform((value) => new Date(value));

const filterFields = {
  area: z.enum(AUDIT_AREAS, { error: `Area must be one of: ${AUDIT_AREAS.join(", ")}.` }).optional(),
  action: z.enum(AUDIT_ACTIONS, { error: "Unknown action." }).optional(),
  // An actor id, or part of a member's email.
  // Neither can hold control characters (PostgreSQL text cannot even hold NUL).
  actor: z
    .string()
    .trim()
    .min(1)
    .max(320, "Actor must be at most 320 characters.")
    .refine(isSafeText, `Actor ${UNSAFE_TEXT_MESSAGE}.`)
    .optional(),
  targetId: z
    .string()
    .trim()
    .min(1)
    .max(100, "Target id must be at most 100 characters.")
    .refine(isSafeText, `Target id ${UNSAFE_TEXT_MESSAGE}.`)
    .optional(),
  from: instant("From").optional(),
  to: instant("To").optional(),
};

const fromBeforeTo = (filter: { from?: Date; to?: Date }) => !filter.from || !filter.to || filter.from < filter.to;
const FROM_BEFORE_TO = { message: "From must be before To.", path: ["from"] };

/** Filters of the audit trail, from a query string: every field optional. */
export const auditFilterSchema = z.strictObject(filterFields).refine(fromBeforeTo, FROM_BEFORE_TO);

export const auditPageSchema = z
  .strictObject({
    ...filterFields,
    cursor: z.uuid({ error: "Cursor must be the nextCursor of a previous page." }).optional(),
    limit: z.coerce
      .number({ error: "Limit must be a number." })
      .int("Limit must be a whole number.")
      .min(1, "Limit must be at least 1.")
      .max(AUDIT_PAGE_MAX, `Limit must be at most ${AUDIT_PAGE_MAX}.`)
      .default(AUDIT_PAGE_DEFAULT),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditPageQuery = z.infer<typeof auditPageSchema>;
