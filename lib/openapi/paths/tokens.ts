import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { createKeySchema, keyIdParamSchema } from "@/lib/validations/keys";
import { errors, jsonBody, jsonResponse, READ_ERRORS, sessionSecurity, WRITE_ERRORS } from "../components";
import { createdKeySchema, keyListSchema, keyResultSchema } from "../schemas/keys";
import { z } from "../zod";

export function registerTokenPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/tokens",
    tags: ["Keys"],
    summary: "List the organisation's keys",
    description: "Metadata only: never secrets or hashes. Newest first.",
    security: sessionSecurity,
    responses: { 200: jsonResponse("The keys.", keyListSchema), ...errors(...READ_ERRORS) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/tokens",
    tags: ["Keys"],
    summary: "Create a key",
    description: "Owners and admins. The raw key is in this answer only; Keysmith keeps an Argon2id hash of it.",
    security: sessionSecurity,
    request: { body: jsonBody(createKeySchema, { name: "Deploy bot", expiresAt: "2027-01-31T23:59:59Z" }) },
    responses: { 201: jsonResponse("The key and, once, its raw value.", createdKeySchema), ...errors(...WRITE_ERRORS) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/tokens/{id}",
    tags: ["Keys"],
    summary: "Revoke a key",
    description: "Owners and admins. Idempotent: revoking a revoked key answers 200 with it unchanged.",
    security: sessionSecurity,
    request: { params: z.object({ id: keyIdParamSchema }) },
    responses: { 200: jsonResponse("The revoked key.", keyResultSchema), ...errors(400, 401, 403, 404) },
  });
}
