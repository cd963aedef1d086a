import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { createKeySchema, keyIdParamSchema, updateKeySchema } from "@/lib/validations/keys";
import { verifyBodySchema } from "@/lib/verify/http";
import { errors, jsonBody, jsonResponse, READ_ERRORS, sessionSecurity, WRITE_ERRORS } from "../components";
import { createdKeySchema, keyListSchema, keyResultSchema, verifyResultSchema } from "../schemas/keys";
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
    request: { body: jsonBody(createKeySchema, { name: "Deploy bot", expiresAt: "2027-01-31T23:59:59Z", scopes: ["packages:read"], rateLimitPerMinute: 300 }) },
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
  registry.registerPath({
    method: "patch",
    path: "/api/tokens/{id}",
    tags: ["Keys"],
    summary: "Disable or enable a key",
    description: "Owners and admins. A disabled key fails verification until enabled again; 409 for a revoked key.",
    security: sessionSecurity,
    request: { params: z.object({ id: keyIdParamSchema }), body: jsonBody(updateKeySchema, { disabled: true }) },
    responses: { 200: jsonResponse("The key.", keyResultSchema), ...errors(...WRITE_ERRORS, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/tokens/verify",
    tags: ["Verification"],
    summary: "Verify a key",
    description:
      "For services that accept Keysmith keys. The key comes as `key` in the body or in an `Authorization: Bearer`, `Authorization: ApiKey` or `X-API-Key` header; `scopes` lists scopes the caller requires. " +
      "Every verdict is 200 with `valid` and `code` (a wrong secret answers exactly like an unknown key); 400 is a request that asks nothing, 503 means the database cannot be reached (never `valid` then). " +
      "Answers carry `X-RateLimit-Limit`, `-Remaining`, `-Reset` when a limiter applied.",
    request: { body: { required: false, content: { "application/json": { schema: verifyBodySchema, example: { key: "ks_live_…", scopes: ["packages:read"] } } } } },
    responses: {
      200: jsonResponse("The verdict.", verifyResultSchema),
      ...errors(400, 413, 503),
    },
  });
}
