import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { auditFilterSchema, auditPageSchema } from "@/lib/validations/audit";
import { errors, jsonResponse, sessionSecurity } from "../components";
import { auditPageResultSchema } from "../schemas/audit";
import { z } from "../zod";

export function registerAuditPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/audit",
    tags: ["Audit"],
    summary: "The audit trail, newest first",
    description: "Owners and admins, or an API key with `audit:read` (or `admin:*`). Filters combine; `cursor` pages back in time.",
    security: sessionSecurity,
    request: { query: auditPageSchema },
    responses: { 200: jsonResponse("One page of events.", auditPageResultSchema), ...errors(400) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/audit/export",
    tags: ["Audit"],
    summary: "The filtered audit trail as CSV",
    description: "Owners and admins, or an API key with `audit:read` (or `admin:*`). Streamed; cells that a spreadsheet would run as formulas are escaped.",
    security: sessionSecurity,
    request: { query: auditFilterSchema },
    responses: {
      200: { description: "A CSV file.", content: { "text/csv": { schema: z.string() } } },
      ...errors(400),
    },
  });
}
