import { z } from "@/lib/openapi/zod";
import { jsonResponse } from "@/lib/openapi/components";
import { auditPageResultSchema } from "@/lib/openapi/schemas/audit";
import { orgUsageSchema } from "@/lib/openapi/schemas/usage";
import { auditFilterSchema, auditPageSchema } from "@/lib/validations/audit";
import { usageQuerySchema } from "@/lib/validations/usage";
import { defineOperation } from "../operation";
import { sessionOrKey } from "./access";

// The organisation-wide views: usage and the audit trail. They name every key and member, so a
// key limited to one project may not read them.

export const getOrgUsage = defineOperation({
  id: "getOrgUsage",
  method: "GET",
  path: "/api/usage",
  tag: "Usage",
  summary: "The organisation's usage",
  description:
    "Successful verifications over the last `days` UTC days (1–90, default 30): totals, per day, the most used keys, and per member and project.",
  access: sessionOrKey("usage:read", "refused"),
  query: usageQuerySchema,
  responses: { 200: jsonResponse("The usage.", orgUsageSchema) },
});

export const listAuditEvents = defineOperation({
  id: "listAuditEvents",
  method: "GET",
  path: "/api/audit",
  tag: "Audit",
  summary: "The audit trail, newest first",
  description: "Filters combine; `cursor` pages back in time.",
  access: sessionOrKey("audit:read", "refused"),
  query: auditPageSchema,
  responses: { 200: jsonResponse("One page of events.", auditPageResultSchema) },
});

export const exportAuditEvents = defineOperation({
  id: "exportAuditEvents",
  method: "GET",
  path: "/api/audit/export",
  tag: "Audit",
  summary: "The filtered audit trail as CSV",
  description: "Streamed; cells that a spreadsheet would run as formulas are escaped.",
  access: sessionOrKey("audit:read", "refused"),
  query: auditFilterSchema,
  responseHeaders: ["Content-Disposition"],
  responses: { 200: { description: "A CSV file.", content: { "text/csv": { schema: z.string() } } } },
});
