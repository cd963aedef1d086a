import { z } from "@/lib/openapi/zod";
import { errorBodySchema, jsonResponse } from "@/lib/openapi/components";
import {
  discoveryPreviewSchema,
  exportResultSchema,
  importErrorSchema,
  importSummarySchema,
  registryDeletedSchema,
  registryListSchema,
  registryOrderSchema,
  registryResultSchema,
  connectionCheckSchema,
  liveResolutionSchema,
  settingsResultSchema,
} from "@/lib/openapi/schemas/registries";
import {
  checkRegistrySchema,
  createRegistrySchema,
  discoverRegistrySchema,
  downloadConfigQuerySchema,
  exportOptionsSchema,
  registryIdSchema,
  registrySettingsSchema,
  reorderRegistriesSchema,
  resolveQuerySchema,
  updateRegistrySchema,
} from "@/lib/validations/registries";
import { defineOperation } from "../operation";
import { sessionOrKey } from "./access";

const tag = "Registries" as const;
const idParams = z.object({ id: registryIdSchema });

export const listRegistries = defineOperation({
  id: "listRegistries",
  method: "GET",
  path: "/api/registries",
  tag,
  summary: "List registries in priority order",
  description: "Upstream API keys appear only as masks.",
  access: sessionOrKey("registries:read", "shared"),
  responses: { 200: jsonResponse("Registries and the organisation's registry settings.", registryListSchema) },
});

export const createRegistry = defineOperation({
  id: "createRegistry",
  method: "POST",
  path: "/api/registries",
  tag,
  summary: "Add a registry",
  description: "Discovers the URL again (the preview is not trusted) and adds the registry last.",
  access: sessionOrKey("registries:write", "refused"),
  body: createRegistrySchema,
  bodyExample: { url: "https://registry.company.com", scopes: ["@company"], apiKey: "prmd_xxx" },
  responses: { 201: jsonResponse("The new registry.", registryResultSchema) },
  errors: [409],
});

export const discoverRegistry = defineOperation({
  id: "discoverRegistry",
  method: "POST",
  path: "/api/registries/discover",
  tag,
  summary: "Preview a registry's discovery document",
  description: "Fetches <url>/.well-known/registry.json through the SSRF-guarded client and stores nothing.",
  access: sessionOrKey("registries:write", "refused"),
  body: discoverRegistrySchema,
  bodyExample: { url: "registry.company.com" },
  responses: { 200: jsonResponse("What the document says.", discoveryPreviewSchema) },
  errors: [409],
});

export const updateRegistry = defineOperation({
  id: "updateRegistry",
  method: "PATCH",
  path: "/api/registries/{id}",
  tag,
  summary: "Change a registry",
  description: "Name, scopes, upstream (null removes it) or the API key (a string replaces it, null removes it).",
  access: sessionOrKey("registries:write", "refused"),
  params: idParams,
  body: updateRegistrySchema,
  bodyExample: { name: "Company", scopes: ["@company"] },
  responses: { 200: jsonResponse("The changed registry.", registryResultSchema) },
  errors: [404, 409],
});

export const deleteRegistry = defineOperation({
  id: "deleteRegistry",
  method: "DELETE",
  path: "/api/registries/{id}",
  tag,
  summary: "Delete a registry",
  description: "409 for the default registry, the built-in one, or someone's upstream.",
  access: sessionOrKey("registries:delete", "refused"),
  params: idParams,
  responses: { 200: jsonResponse("The id of the deleted registry.", registryDeletedSchema) },
  errors: [404, 409],
});

export const setDefaultRegistry = defineOperation({
  id: "setDefaultRegistry",
  method: "POST",
  path: "/api/registries/{id}/default",
  tag,
  summary: "Make a registry the default",
  description: "Idempotent.",
  access: sessionOrKey("registries:write", "refused"),
  params: idParams,
  responses: { 200: jsonResponse("The new default registry.", registryResultSchema) },
  errors: [404],
});

export const reorderRegistries = defineOperation({
  id: "reorderRegistries",
  method: "PUT",
  path: "/api/registries/order",
  tag,
  summary: "Reorder registries",
  description: "Every registry id, in the new priority order; 409 if the list changed meanwhile.",
  access: sessionOrKey("registries:write", "refused"),
  body: reorderRegistriesSchema,
  responses: { 200: jsonResponse("The registries in their new order.", registryOrderSchema) },
  errors: [409],
});

export const resolvePackage = defineOperation({
  id: "resolvePackage",
  method: "GET",
  path: "/api/registries/resolve",
  tag,
  summary: "Which registry serves a package",
  description:
    "From the configuration; with `live=true` also asks every candidate registry, in resolution order, for the package's metadata (`GET /<name>`, scoped names as `@scope%2fname`) with its stored key and a 3 s deadline each.",
  access: sessionOrKey("registries:read", "shared"),
  query: resolveQuerySchema,
  responses: {
    200: jsonResponse("The registry, the rule that chose it, the trail, and the registries' own answers.", liveResolutionSchema),
  },
});

export const checkRegistry = defineOperation({
  id: "checkRegistry",
  method: "POST",
  path: "/api/registries/check",
  tag,
  summary: "Test a registry connection with a key",
  description:
    "An authenticated request to the registry's discovered `whoami` or token-list endpoint, else npm's `GET /-/whoami`, through the SSRF-guarded client. Stores nothing. Adding or changing a key runs the same check and saves the key only if it passes, or with `saveUnchecked: true`.",
  access: sessionOrKey("registries:write", "refused"),
  body: checkRegistrySchema,
  bodyExample: { url: "https://registry.company.com", apiKey: "npm_xxx" },
  responses: { 200: jsonResponse("Whether the registry accepted the key (`ok`), and what it answered.", connectionCheckSchema) },
  errors: [404],
});

export const downloadConfig = defineOperation({
  id: "downloadConfig",
  method: "GET",
  path: "/api/registries/export",
  tag,
  summary: "Download config.yaml (no secrets)",
  description:
    "`format=list` (default: the registry seed's `registries:` list) or `format=map` (the prompd clients' `registry: { default, registries: {…} }` and `scopes:`).",
  access: sessionOrKey("registries:read", "shared"),
  query: downloadConfigQuerySchema,
  responseHeaders: ["Content-Disposition"],
  responses: { 200: { description: "The config.yaml file.", content: { "application/yaml": { schema: z.string() } } } },
});

export const exportConfig = defineOperation({
  id: "exportConfig",
  method: "POST",
  path: "/api/registries/export",
  tag,
  summary: "Export config.yaml with options",
  description:
    "`includeSecrets` writes upstream keys in clear: owners and admins signed in to the dashboard only (never an API key). " +
    "`mintKeyFor` mints a fresh Keysmith key into that registry's entry: it needs `keys:write`, gets the reader role and an expiry " +
    "(`mintKeyExpiresInDays`, default 90, within the key policy), and obeys the same bounds as creating a key. " +
    "`format` is `list` (the seed's) or `map` (the prompd clients'); `mergeInto` is an existing config.yaml the export is merged into: " +
    "Keysmith changes its registries' url, api_key (when exported), scopes, default and upstream, and keeps every other key, comment and registry.",
  access: sessionOrKey("registries:read", "shared"),
  body: exportOptionsSchema,
  bodyExample: { includeSecrets: false },
  responses: { 200: jsonResponse("The file's name and content.", exportResultSchema) },
  errors: [404],
});

export const importConfig = defineOperation({
  id: "importConfig",
  method: "POST",
  path: "/api/registries/import",
  tag,
  summary: "Import config.yaml",
  description: "The body is the file itself (at most 64 KiB). All or nothing.",
  access: sessionOrKey("registries:write", "refused"),
  rawBody: { required: true, content: { "application/yaml": { schema: z.string() } } },
  responses: {
    200: jsonResponse("What changed.", importSummarySchema),
    400: jsonResponse("The file has problems, each with its line; or the body is not YAML.", z.union([importErrorSchema, errorBodySchema])),
  },
  errors: [409, 413],
});

export const getRegistrySettings = defineOperation({
  id: "getRegistrySettings",
  method: "GET",
  path: "/api/registries/settings",
  tag,
  summary: "Registry settings",
  access: sessionOrKey("registries:read", "shared"),
  responses: { 200: jsonResponse("The settings.", settingsResultSchema) },
});

export const updateRegistrySettings = defineOperation({
  id: "updateRegistrySettings",
  method: "PATCH",
  path: "/api/registries/settings",
  tag,
  summary: "Change registry settings",
  description:
    "Whether discovery may reach loopback and private-network hosts. Needs `registries:admin`: it widens what the server may be made to fetch.",
  access: sessionOrKey("registries:admin", "refused"),
  body: registrySettingsSchema,
  bodyExample: { allowPrivateHosts: false },
  responses: { 200: jsonResponse("The settings.", settingsResultSchema) },
});
