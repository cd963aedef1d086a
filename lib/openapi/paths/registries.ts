import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import {
  createRegistrySchema,
  discoverRegistrySchema,
  exportOptionsSchema,
  registryIdSchema,
  registrySettingsSchema,
  reorderRegistriesSchema,
  resolveQuerySchema,
  updateRegistrySchema,
} from "@/lib/validations/registries";
import { errorBodySchema, errors, jsonBody, jsonResponse, READ_ERRORS, sessionSecurity, WRITE_ERRORS } from "../components";
import {
  discoveryPreviewSchema,
  exportResultSchema,
  importErrorSchema,
  importSummarySchema,
  registryDeletedSchema,
  registryListSchema,
  registryOrderSchema,
  registryResultSchema,
  resolutionSchema,
  settingsResultSchema,
} from "../schemas/registries";
import { z } from "../zod";

const tags = ["Registries"];
const security = sessionSecurity;
const idParams = z.object({ id: registryIdSchema });
const WRITES = "Owners and admins; members get 403.";

export function registerRegistryPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/registries",
    tags,
    security,
    summary: "List registries in priority order",
    description: "Upstream API keys appear only as masks.",
    responses: { 200: jsonResponse("Registries and the organisation's registry settings.", registryListSchema), ...errors(...READ_ERRORS) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/registries",
    tags,
    security,
    summary: "Add a registry",
    description: `Discovers the URL again (the preview is not trusted) and adds the registry last. ${WRITES}`,
    request: { body: jsonBody(createRegistrySchema, { url: "https://registry.company.com", scopes: ["@company"], apiKey: "prmd_xxx" }) },
    responses: { 201: jsonResponse("The new registry.", registryResultSchema), ...errors(...WRITE_ERRORS, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/registries/discover",
    tags,
    security,
    summary: "Preview a registry's discovery document",
    description: `Fetches <url>/.well-known/registry.json through the SSRF-guarded client and stores nothing. ${WRITES}`,
    request: { body: jsonBody(discoverRegistrySchema, { url: "registry.company.com" }) },
    responses: { 200: jsonResponse("What the document says.", discoveryPreviewSchema), ...errors(...WRITE_ERRORS, 409) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/registries/{id}",
    tags,
    security,
    summary: "Change a registry",
    description: `Name, scopes, upstream (null removes it) or the API key (a string replaces it, null removes it). ${WRITES}`,
    request: { params: idParams, body: jsonBody(updateRegistrySchema, { name: "Company", scopes: ["@company"] }) },
    responses: { 200: jsonResponse("The changed registry.", registryResultSchema), ...errors(...WRITE_ERRORS, 404, 409) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/registries/{id}",
    tags,
    security,
    summary: "Delete a registry",
    description: `409 for the default registry, the built-in one, or someone's upstream. ${WRITES}`,
    request: { params: idParams },
    responses: { 200: jsonResponse("The id of the deleted registry.", registryDeletedSchema), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/registries/{id}/default",
    tags,
    security,
    summary: "Make a registry the default",
    description: `Idempotent. ${WRITES}`,
    request: { params: idParams },
    responses: { 200: jsonResponse("The new default registry.", registryResultSchema), ...errors(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: "put",
    path: "/api/registries/order",
    tags,
    security,
    summary: "Reorder registries",
    description: `Every registry id, in the new priority order; 409 if the list changed meanwhile. ${WRITES}`,
    request: { body: jsonBody(reorderRegistriesSchema) },
    responses: { 200: jsonResponse("The registries in their new order.", registryOrderSchema), ...errors(...WRITE_ERRORS, 409) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/registries/resolve",
    tags,
    security,
    summary: "Which registry serves a package",
    request: { query: resolveQuerySchema },
    responses: { 200: jsonResponse("The registry, the rule that chose it, and the trail.", resolutionSchema), ...errors(400, 401) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/registries/export",
    tags,
    security,
    summary: "Download config.yaml (no secrets)",
    responses: {
      200: { description: "The config.yaml file.", content: { "application/yaml": { schema: z.string() } } },
      ...errors(...READ_ERRORS),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/registries/export",
    tags,
    security,
    summary: "Export config.yaml with options",
    description: "`includeSecrets` writes upstream keys in clear; `mintKeyFor` mints a fresh Keysmith key into that registry's entry. Both: owners and admins.",
    request: { body: jsonBody(exportOptionsSchema, { includeSecrets: false }) },
    responses: { 200: jsonResponse("The file's name and content.", exportResultSchema), ...errors(...WRITE_ERRORS, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/registries/import",
    tags,
    security,
    summary: "Import config.yaml",
    description: `The body is the file itself (at most 64 KiB). All or nothing. ${WRITES}`,
    request: { body: { required: true, content: { "application/yaml": { schema: z.string() } } } },
    responses: {
      200: jsonResponse("What changed.", importSummarySchema),
      400: jsonResponse("The file has problems, each with its line; or the body is not YAML.", z.union([importErrorSchema, errorBodySchema])),
      ...errors(401, 403, 409, 413),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/registries/settings",
    tags,
    security,
    summary: "Registry settings",
    responses: { 200: jsonResponse("The settings.", settingsResultSchema), ...errors(...READ_ERRORS) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/registries/settings",
    tags,
    security,
    summary: "Change registry settings",
    description: `Whether discovery may reach loopback and private-network hosts. ${WRITES}`,
    request: { body: jsonBody(registrySettingsSchema, { allowPrivateHosts: false }) },
    responses: { 200: jsonResponse("The settings.", settingsResultSchema), ...errors(...WRITE_ERRORS) },
  });
}
