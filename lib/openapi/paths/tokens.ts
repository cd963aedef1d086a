import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { createKeySchema, keyIdParamSchema, keyListQuerySchema, publicKeyRequestSchema, rotateKeySchema, updateKeySchema } from "@/lib/validations/keys";
import { usageQuerySchema } from "@/lib/validations/usage";
import { verifyBodySchema } from "@/lib/verify/http";
import { apiKeyOnlySecurity, errors, jsonBody, jsonResponse, sessionSecurity, WRITE_ERRORS } from "../components";
import { createdKeySchema, keyDetailResultSchema, keyPageSchema, keyResultSchema, publishableKeySchema, rotatedKeySchema, verifyResultSchema } from "../schemas/keys";
import { keyUsageResultSchema } from "../schemas/usage";
import { z } from "../zod";

const keyParams = z.object({ id: keyIdParamSchema });

export function registerTokenPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/tokens",
    tags: ["Keys"],
    summary: "List the organisation's keys, a page at a time",
    description: "Metadata only: never secrets or hashes. Filters combine; `q` matches the name or the key's prefix.",
    security: sessionSecurity,
    request: { query: keyListQuerySchema },
    responses: { 200: jsonResponse("One page of keys and how many match.", keyPageSchema), ...errors(400) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/tokens",
    tags: ["Keys"],
    summary: "Create a key",
    description:
      "Owners and admins. The raw key is in this answer only; Keysmith keeps an Argon2id hash of it. Give a `role` or a custom list of `scopes`; " +
      "`expiresInDays` (a preset) or `expiresAt`, within the organisation's key policy.",
    security: sessionSecurity,
    request: { body: jsonBody(createKeySchema, { name: "Deploy bot", type: "sk", environment: "live", role: "reader", expiresInDays: 90, allowedIps: ["203.0.113.0/24"], rateLimitPerMinute: 300 }) },
    responses: { 201: jsonResponse("The key and, once, its raw value.", createdKeySchema), ...errors(...WRITE_ERRORS) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/tokens/pk",
    tags: ["Keys"],
    summary: "Request a publishable key",
    description:
      "For a server holding a secret key with `keys:pk` (the application role) or `admin:*`; API keys only. Every call mints a fresh short-lived publishable key " +
      "(executor role, `ttl` seconds, default 24 hours) for the caller's project or `projectId`; at most 5 stay live per caller, name and project.",
    security: apiKeyOnlySecurity,
    request: { query: publicKeyRequestSchema },
    responses: { 200: jsonResponse("The publishable key, once.", publishableKeySchema), ...errors(400) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/tokens/{id}",
    tags: ["Keys"],
    summary: "One key",
    description: "Its metadata (never its secret or hash), its creator's email, its project and its successor's name.",
    security: sessionSecurity,
    request: { params: keyParams },
    responses: { 200: jsonResponse("The key.", keyDetailResultSchema), ...errors(400, 404) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/tokens/{id}",
    tags: ["Keys"],
    summary: "Revoke a key",
    description: "Owners and admins. Idempotent: revoking a revoked key answers 200 with it unchanged; 409 for a key already replaced by rotation.",
    security: sessionSecurity,
    request: { params: keyParams },
    responses: { 200: jsonResponse("The revoked key.", keyResultSchema), ...errors(400, 404, 409) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/tokens/{id}",
    tags: ["Keys"],
    summary: "Disable or enable a key",
    description: "Owners and admins. A disabled key fails verification until enabled again; 409 for a revoked key.",
    security: sessionSecurity,
    request: { params: keyParams, body: jsonBody(updateKeySchema, { disabled: true }) },
    responses: { 200: jsonResponse("The key.", keyResultSchema), ...errors(...WRITE_ERRORS, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/tokens/{id}/rotate",
    tags: ["Keys"],
    summary: "Rotate a key",
    description:
      "Owners and admins. A new key with the same settings; the old one stops working now (`grace: none`) or after the grace period. " +
      "The new raw key is in this answer only. 409 when the key is revoked or rotated already.",
    security: sessionSecurity,
    request: { params: keyParams, body: jsonBody(rotateKeySchema, { grace: "24h" }) },
    responses: { 201: jsonResponse("The new key (once with its raw value) and the old one.", rotatedKeySchema), ...errors(...WRITE_ERRORS, 404, 409) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/tokens/{id}/usage",
    tags: ["Usage"],
    summary: "A key's verifications per day",
    description: "Successful verifications per UTC day for the last `days` days (1–90, default 30), today included.",
    security: sessionSecurity,
    request: { params: keyParams, query: usageQuerySchema },
    responses: { 200: jsonResponse("One count per day, oldest first.", keyUsageResultSchema), ...errors(400, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/tokens/verify",
    tags: ["Verification"],
    summary: "Verify a key",
    description:
      "For services that accept Keysmith keys. The key comes as `key` in the body or in an `Authorization: Bearer`, `Authorization: ApiKey` or `X-API-Key` header; `scopes` lists scopes the caller requires; " +
      "`ip` is the end client's address when a service verifies on its behalf (IP allowlists). " +
      "Every verdict is 200 with `valid` and `code` (a wrong secret answers exactly like an unknown key); 400 is a request that asks nothing, 503 means the database cannot be reached (never `valid` then). " +
      "Answers carry `X-RateLimit-Limit`, `-Remaining`, `-Reset` when a limiter applied.",
    request: { body: { required: false, content: { "application/json": { schema: verifyBodySchema, example: { key: "ks_live_sk_…", scopes: ["packages:read"] } } } } },
    responses: {
      200: jsonResponse("The verdict.", verifyResultSchema),
      ...errors(400, 413, 503),
    },
  });
}
