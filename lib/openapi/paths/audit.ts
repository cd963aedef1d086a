import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { auditFilterSchema, auditPageSchema } from "@/lib/validations/audit";
import { errors, jsonResponse, peopleOnlySecurity } from "../components";
import { auditPageResultSchema } from "../schemas/audit";
import { z } from "../zod";

export function registerAuditPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/audit",
    tags: ["Audit"],
    summary: "The audit trail, newest first",
    description: "Owners and admins, signed in (API keys are refused). Filters combine; `cursor` pages back in time.",
    security: peopleOnlySecurity,
    request: { query: auditPageSchema },
    responses: { 200: jsonResponse("One page of events.", auditPageResultSchema), ...errors(400, 401, 403) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/audit/export",
    tags: ["Audit"],
    summary: "The filtered audit trail as CSV",
    description: "Owners and admins, signed in (API keys are refused). Streamed; cells that a spreadsheet would run as formulas are escaped.",
    security: peopleOnlySecurity,
    request: { query: auditFilterSchema },
    responses: {
      200: { description: "A CSV file.", content: { "text/csv": { schema: z.string() } } },
      ...errors(400, 401, 403),
    },
  });
}
