import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { keyPolicySchema, orgScopeSchema } from "@/lib/validations/keys";
import { errors, jsonBody, jsonResponse, sessionSecurity, WRITE_ERRORS } from "../components";
import { catalogScopeSchema, keyPolicyResultSchema } from "../schemas/keys";
import { z } from "../zod";

export function registerSettingsPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/settings/keys",
    tags: ["Settings"],
    summary: "The organisation's key policy",
    description: "Whether keys may never expire, their longest lifetime and how long expired keys are kept. API keys need `keys:read`.",
    security: sessionSecurity,
    responses: { 200: jsonResponse("The policy.", keyPolicyResultSchema) },
  });
  registry.registerPath({
    method: "put",
    path: "/api/settings/keys",
    tags: ["Settings"],
    summary: "Change the key policy",
    description: "Owners and admins (API keys: `keys:write`). Applies to keys created or rotated from now on.",
    security: sessionSecurity,
    request: { body: jsonBody(keyPolicySchema, { allowNoExpiry: false, maxLifetimeDays: 365, retentionDays: 30 }) },
    responses: { 200: jsonResponse("The policy.", keyPolicyResultSchema), ...errors(...WRITE_ERRORS) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/settings/scopes",
    tags: ["Settings"],
    summary: "The scope catalogue",
    description: "Keysmith's built-in scopes and the organisation's own, which the dashboard offers when creating a key. API keys need `keys:read`.",
    security: sessionSecurity,
    responses: { 200: jsonResponse("The scopes.", z.strictObject({ data: z.array(catalogScopeSchema) })) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/settings/scopes",
    tags: ["Settings"],
    summary: "Add a scope to the catalogue",
    description: "Owners and admins (API keys: `keys:write`). 409 for a built-in scope or one in the catalogue already.",
    security: sessionSecurity,
    request: { body: jsonBody(orgScopeSchema, { name: "reports:read", description: "Read reports." }) },
    responses: { 201: jsonResponse("The scope.", z.strictObject({ scope: catalogScopeSchema })), ...errors(...WRITE_ERRORS, 409) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/settings/scopes/{id}",
    tags: ["Settings"],
    summary: "Remove a scope from the catalogue",
    description: "Owners and admins (API keys: `keys:write`). Keys that have the scope keep it.",
    security: sessionSecurity,
    request: { params: z.object({ id: z.uuid("Scope id must be a UUID.") }) },
    responses: { 204: { description: "Removed." }, ...errors(400, 404) },
  });
}
