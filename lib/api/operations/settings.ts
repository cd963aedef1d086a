import { z } from "@/lib/openapi/zod";
import { jsonResponse } from "@/lib/openapi/components";
import { catalogScopeSchema, keyPolicyResultSchema } from "@/lib/openapi/schemas/keys";
import { keyPolicySchema, orgScopeSchema } from "@/lib/validations/keys";
import { defineOperation } from "../operation";
import { sessionOrKey } from "./access";

export const getKeyPolicy = defineOperation({
  id: "getKeyPolicy",
  method: "GET",
  path: "/api/settings/keys",
  tag: "Settings",
  summary: "The organisation's key policy",
  description: "Whether keys may never expire, their longest lifetime and how long expired keys are kept.",
  access: sessionOrKey("keys:read", "shared"),
  responses: { 200: jsonResponse("The policy.", keyPolicyResultSchema) },
});

export const updateKeyPolicy = defineOperation({
  id: "updateKeyPolicy",
  method: "PUT",
  path: "/api/settings/keys",
  tag: "Settings",
  summary: "Change the key policy",
  description:
    "Applies to keys created or rotated from now on. Needs `keys:admin`: loosening the policy would let a `keys:write` key mint longer-lived keys.",
  access: sessionOrKey("keys:admin", "refused"),
  body: keyPolicySchema,
  bodyExample: { allowNoExpiry: false, maxLifetimeDays: 365, retentionDays: 30 },
  responses: { 200: jsonResponse("The policy.", keyPolicyResultSchema) },
});

export const listCatalogScopes = defineOperation({
  id: "listCatalogScopes",
  method: "GET",
  path: "/api/settings/scopes",
  tag: "Settings",
  summary: "The scope catalogue",
  description: "Keysmith's built-in scopes and the organisation's own, which the dashboard offers when creating a key.",
  access: sessionOrKey("keys:read", "shared"),
  responses: { 200: jsonResponse("The scopes.", z.strictObject({ data: z.array(catalogScopeSchema) })) },
});

export const addCatalogScope = defineOperation({
  id: "addCatalogScope",
  method: "POST",
  path: "/api/settings/scopes",
  tag: "Settings",
  summary: "Add a scope to the catalogue",
  description: "409 for a built-in scope or one in the catalogue already.",
  access: sessionOrKey("keys:write", "refused"),
  body: orgScopeSchema,
  bodyExample: { name: "reports:read", description: "Read reports." },
  responses: { 201: jsonResponse("The scope.", z.strictObject({ scope: catalogScopeSchema })) },
  errors: [409],
});

export const removeCatalogScope = defineOperation({
  id: "removeCatalogScope",
  method: "DELETE",
  path: "/api/settings/scopes/{id}",
  tag: "Settings",
  summary: "Remove a scope from the catalogue",
  description: "Keys that have the scope keep it.",
  access: sessionOrKey("keys:write", "refused"),
  params: z.object({ id: z.uuid("Scope id must be a UUID.") }),
  responses: { 204: { description: "Removed." } },
  errors: [404],
});
