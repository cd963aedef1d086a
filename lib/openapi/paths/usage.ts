import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { usageQuerySchema } from "@/lib/validations/usage";
import { errors, jsonResponse, sessionSecurity } from "../components";
import { orgUsageSchema } from "../schemas/usage";

export function registerUsagePaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/usage",
    tags: ["Usage"],
    summary: "The organisation's usage",
    description:
      "Owners and admins, or an API key with `usage:read` (or `admin:*`). Successful verifications over the last `days` UTC days (1–90, default 30): " +
      "totals, per day, the most used keys, and per member and project.",
    security: sessionSecurity,
    request: { query: usageQuerySchema },
    responses: { 200: jsonResponse("The usage.", orgUsageSchema), ...errors(400) },
  });
}
