import { z } from "../zod";

// What the registries API answers (lib/registries/view.ts). Upstream API keys appear only as
// masks; strict objects make an undocumented field fail the contract test.

const timestamp = z.iso.datetime({ offset: true });
// `.nullable()` on a registered (referenced) schema loses the null in the generated document;
// a union with null keeps it.
const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

const endpointSchema = z.strictObject({ method: z.string(), path: z.string() });

export const discoverySummarySchema = z
  .strictObject({
    name: z.string(),
    version: z.string().nullable(),
    apiBase: z.string(),
    tokenEndpoints: z.strictObject({
      list: endpointSchema.nullable(),
      create: endpointSchema.nullable(),
      revoke: endpointSchema.nullable(),
    }),
    verifyEndpoint: endpointSchema.nullable(),
    authSchemes: z.array(z.string()),
    endpoints: z.record(z.string(), z.string()).optional().openapi({ description: "The document's flat endpoints (name → path)." }),
    capabilities: z.array(z.string()).optional().openapi({ description: "What the registry says it can do." }),
  })
  .openapi("DiscoverySummary");

export const discoveryPreviewSchema = z
  .strictObject({ url: z.string(), documentUrl: z.string(), discovery: discoverySummarySchema })
  .openapi("DiscoveryPreview");

const registryRefSchema = z.strictObject({ id: z.uuid(), name: z.string(), url: z.string() }).openapi("RegistryRef");

export const registryViewSchema = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    apiBase: z.string().nullable(),
    priority: z.number().int().nonnegative().openapi({ description: "0 is checked first." }),
    scopes: z.array(z.string()),
    isDefault: z.boolean(),
    builtIn: z.boolean(),
    upstream: z.strictObject({ id: z.uuid(), name: z.string() }).nullable(),
    apiKeyMask: z.string().nullable().openapi({ example: "prmd_****wxyz" }),
    discovery: orNull(discoverySummarySchema),
    discoveredAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("Registry");

export const registrySettingsViewSchema = z.strictObject({ allowPrivateHosts: z.boolean() }).openapi("RegistrySettings");

export const registryListSchema = z.strictObject({ data: z.array(registryViewSchema), settings: registrySettingsViewSchema });
export const registryResultSchema = z.strictObject({ registry: registryViewSchema });
export const registryOrderSchema = z.strictObject({ data: z.array(registryViewSchema) });
export const registryDeletedSchema = z.strictObject({ deleted: z.uuid() });
export const settingsResultSchema = z.strictObject({ settings: registrySettingsViewSchema });

export const resolutionSchema = z
  .strictObject({
    package: z.string(),
    scope: z.string().nullable(),
    registry: orNull(registryRefSchema).openapi({ description: "null when no registry serves the package (rule `none`)." }),
    rule: z.enum(["scope", "priority", "none"]).openapi({ description: "`none`: every registry is limited to other scopes." }),
    reason: z.string(),
    upstreams: z.array(registryRefSchema),
    cycleAt: orNull(registryRefSchema),
    trail: z.array(z.strictObject({ registry: registryRefSchema, outcome: z.enum(["skipped", "selected", "upstream"]), note: z.string() })),
  })
  .openapi("Resolution");

const liveAnswerSchema = z.strictObject({
  registry: registryRefSchema,
  outcome: z.enum(["serves", "not_found", "unauthorized", "error", "timeout", "refused"]),
  status: z.number().int().nullable().openapi({ description: "The registry's HTTP status; null when it did not answer." }),
  durationMs: z.number().int(),
  message: z.string(),
});

// Its own object (not `.extend()` of the registered Resolution): an allOf of two strict objects
// would refuse each other's properties.
export const liveResolutionSchema = z
  .strictObject({
    ...resolutionSchema.shape,
    live: z
      .strictObject({
        answers: z.array(liveAnswerSchema).openapi({ description: "Every candidate registry, in resolution order." }),
        servedBy: orNull(registryRefSchema).openapi({ description: "The first registry that answered 2xx for the package." }),
      })
      .optional()
      .openapi({ description: "With `live=true`: what the registries themselves answered to `GET /<name>`." }),
  })
  .openapi("LiveResolution");

export const connectionCheckSchema = z
  .strictObject({
    ok: z.boolean(),
    endpoint: z.string().openapi({ description: "The URL asked (never with the key in it)." }),
    status: z.number().int().nullable(),
    user: z.string().nullable().openapi({ description: "The account the registry says the key belongs to, if it says." }),
    message: z.string(),
  })
  .openapi("ConnectionCheck");

export const exportResultSchema = z
  .strictObject({
    fileName: z.string(),
    content: z.string().openapi({ description: "The config.yaml text." }),
    mintedKey: z
      .strictObject({ id: z.uuid(), name: z.string(), prefix: z.string(), registryName: z.string() })
      .nullable()
      .openapi({ description: "The key minted into the file, when `mintKeyFor` was given. The key itself is only in `content`." }),
  })
  .openapi("ConfigExport");

export const importSummarySchema = z.strictObject({
  summary: z.strictObject({ created: z.array(z.string()), updated: z.array(z.string()), untouched: z.array(z.string()) }),
});

export const importErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      issues: z.array(
        z.strictObject({
          line: z.number().int().nullable(),
          column: z.number().int().nullable(),
          field: z.string().nullable(),
          message: z.string(),
        }),
      ),
    }),
  })
  .openapi("ImportError");
