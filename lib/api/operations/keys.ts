import { z } from "@/lib/openapi/zod";
import { jsonResponse } from "@/lib/openapi/components";
import {
  createdKeySchema,
  keyDetailResultSchema,
  keyPageSchema,
  keyResultSchema,
  publishableKeySchema,
  rotatedKeySchema,
  verifyResultSchema,
} from "@/lib/openapi/schemas/keys";
import { keyUsageResultSchema } from "@/lib/openapi/schemas/usage";
import {
  createKeySchema,
  keyIdParamSchema,
  keyListQuerySchema,
  publicKeyRequestSchema,
  rotateKeySchema,
  updateKeySchema,
} from "@/lib/validations/keys";
import { usageQuerySchema } from "@/lib/validations/usage";
import { verifyBodySchema } from "@/lib/verify/http";
import { defineOperation } from "../operation";
import { secretKeyOnly, sessionOrKey } from "./access";

const keyParams = z.object({ id: keyIdParamSchema });
const BOUNDED =
  "The new key's scopes must be ones the caller holds itself (403 `AUTHORITY_EXCEEDED`), a key limited to a project creates keys of that project, and a key made by a key cannot outlive it.";

export const listKeys = defineOperation({
  id: "listKeys",
  method: "GET",
  path: "/api/tokens",
  tag: "Keys",
  summary: "List the organisation's keys, a page at a time",
  description:
    "Metadata only: never secrets or hashes. Filters combine; `q` matches part of the name or the key's prefix, or a whole key id, `externalId` or id — " +
    "or a full key, reduced to its key id (send the key id instead: a query string is logged by proxies). `externalId` filters on the owner in your own system. " +
    "A key limited to a project sees that project's keys.",
  access: sessionOrKey("keys:read", "own"),
  query: keyListQuerySchema,
  responses: { 200: jsonResponse("One page of keys and how many match.", keyPageSchema) },
});

export const createKey = defineOperation({
  id: "createKey",
  method: "POST",
  path: "/api/tokens",
  tag: "Keys",
  summary: "Create a key",
  description:
    "The raw key is in this answer only; Keysmith keeps an Argon2id hash of it. Give a `role` or a custom list of `scopes`; " +
    `\`expiresInDays\` (a preset) or \`expiresAt\`, within the organisation's key policy. ${BOUNDED}`,
  access: sessionOrKey("keys:write", "own"),
  body: createKeySchema,
  bodyExample: {
    name: "Deploy bot",
    type: "sk",
    environment: "live",
    role: "reader",
    expiresInDays: 90,
    allowedIps: ["203.0.113.0/24"],
    rateLimitPerMinute: 300,
  },
  responses: { 201: jsonResponse("The key and, once, its raw value.", createdKeySchema) },
});

export const requestPublishableKey = defineOperation({
  id: "requestPublishableKey",
  method: "GET",
  path: "/api/tokens/pk",
  tag: "Keys",
  summary: "Request a publishable key",
  description:
    "Every call mints a fresh short-lived publishable key (executor role, `ttl` seconds, default 24 hours) for the caller's project or `projectId`; " +
    "at most 5 stay live per caller, name and project.",
  access: secretKeyOnly("keys:pk", "own"),
  query: publicKeyRequestSchema,
  responses: { 200: jsonResponse("The publishable key, once.", publishableKeySchema) },
});

export const getKey = defineOperation({
  id: "getKey",
  method: "GET",
  path: "/api/tokens/{id}",
  tag: "Keys",
  summary: "One key",
  description: "Its metadata (never its secret or hash), its creator's email, its project and its successor's name.",
  access: sessionOrKey("keys:read", "own"),
  params: keyParams,
  responses: { 200: jsonResponse("The key.", keyDetailResultSchema) },
  errors: [404],
});

export const revokeKey = defineOperation({
  id: "revokeKey",
  method: "DELETE",
  path: "/api/tokens/{id}",
  tag: "Keys",
  summary: "Revoke a key",
  description:
    "Idempotent: revoking a revoked key answers 200 with it unchanged; 409 for a key already replaced by rotation. " +
    "Only a caller that could have created the key (it holds the key's scopes) may change it.",
  access: sessionOrKey("keys:write", "own"),
  params: keyParams,
  responses: { 200: jsonResponse("The revoked key.", keyResultSchema) },
  errors: [404, 409],
});

export const updateKey = defineOperation({
  id: "updateKey",
  method: "PATCH",
  path: "/api/tokens/{id}",
  tag: "Keys",
  summary: "Edit, disable or enable a key",
  description:
    "Any of `name`, `description`, `meta` (a JSON object of at most 4096 bytes, answered by verification as `meta`), `externalId`, `role` or `scopes`, " +
    "`expiresInDays` or `expiresAt` (within the key policy; null: never), `allowedIps`, `rateLimitPerMinute`, and `disabled`. Fields left out stay as they are. " +
    "Verification sees the change within a second; every change is audited with its before and after values (`key.update`). " +
    "A disabled key fails verification until enabled again; 409 for a revoked key (and for editing a rotated one). Only a caller that holds the key's scopes may change it, " +
    "and the new scopes must be ones it holds (403 `AUTHORITY_EXCEEDED`).",
  access: sessionOrKey("keys:write", "own"),
  params: keyParams,
  body: updateKeySchema,
  bodyExample: { name: "Billing worker", meta: { plan: "pro" }, externalId: "cus_1234", rateLimitPerMinute: 600 },
  responses: { 200: jsonResponse("The key.", keyResultSchema) },
  errors: [404, 409],
});

export const rotateKey = defineOperation({
  id: "rotateKey",
  method: "POST",
  path: "/api/tokens/{id}/rotate",
  tag: "Keys",
  summary: "Rotate a key",
  description:
    "A new key with the same settings and the same lifetime from now; the old one stops working now (`grace: none`) or after the grace period. " +
    "The new raw key is in this answer only. 409 when the key is revoked or rotated already. Rotation never widens a key: the caller must hold every scope the key has.",
  access: sessionOrKey("keys:write", "own"),
  params: keyParams,
  body: rotateKeySchema,
  bodyExample: { grace: "24h" },
  responses: { 201: jsonResponse("The new key (once with its raw value) and the old one.", rotatedKeySchema) },
  errors: [404, 409],
});

export const getKeyUsage = defineOperation({
  id: "getKeyUsage",
  method: "GET",
  path: "/api/tokens/{id}/usage",
  tag: "Usage",
  summary: "A key's verifications per day",
  description: "Successful verifications per UTC day for the last `days` days (1–90, default 30), today included.",
  access: sessionOrKey("keys:read", "own"),
  params: keyParams,
  query: usageQuerySchema,
  responses: { 200: jsonResponse("One count per day, oldest first.", keyUsageResultSchema) },
  errors: [404],
});

/** Handled by lib/verify/http.ts on both servers; declared here for the document and the tests. */
export const verifyKey = defineOperation({
  id: "verifyKey",
  method: "POST",
  path: "/api/tokens/verify",
  tag: "Verification",
  summary: "Verify a key",
  description:
    "For services that accept Keysmith keys. The key comes as `key` in the body or in an `Authorization: Bearer`, `Authorization: ApiKey` or `X-API-Key` header; `scopes` lists scopes the caller requires; " +
    "`ip` is the end client's address when a service verifies on its behalf (IP allowlists). " +
    "Every verdict is 200 with `valid` and `code` (a wrong secret answers exactly like an unknown key); 400 is a request that asks nothing, 503 means the database cannot be reached (never `valid` then). " +
    "With `?status=http` (for secret scanners and proxies that act on status codes) the same body comes with the verdict as the status: 401 for no valid key (MALFORMED, NOT_FOUND, REVOKED, EXPIRED, DISABLED, NOT_YET_VALID), " +
    "403 for a valid key that may not (INSUFFICIENT_SCOPE, IP_NOT_ALLOWED), 429 with `Retry-After` when limited. " +
    "Answers carry `RateLimit-Limit`, `-Remaining`, `-Reset` when a limiter applied.",
  access: "public",
  query: z.object({
    status: z.enum(["http"]).optional().openapi({ description: "`http`: answer the verdict as the status (401/403/429) instead of 200." }),
  }),
  responseHeaders: ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
  rawBody: {
    required: false,
    content: { "application/json": { schema: verifyBodySchema, example: { key: "ks_live_sk_…", scopes: ["packages:read"] } } },
  },
  responses: {
    200: jsonResponse("The verdict (every verdict without `?status=http`; a valid key with it).", verifyResultSchema),
    401: jsonResponse("With `?status=http`: no valid key. The body is the verdict.", verifyResultSchema),
    403: jsonResponse(
      "With `?status=http`: a valid key that lacks a required scope or comes from an address it may not.",
      verifyResultSchema,
    ),
    429: jsonResponse(
      "With `?status=http`: the key's or the caller's limit is used up; see Retry-After. The body is the verdict.",
      verifyResultSchema,
    ),
  },
  errors: [400, 413, 503],
});
