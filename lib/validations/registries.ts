import { z } from "zod";
import { expiryPresetSchema } from "./expiry-preset";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const REGISTRY_NAME_MAX = 64;
export const REGISTRY_URL_MAX = 2048;
export const SCOPES_MAX = 20;
export const UPSTREAM_KEY_MAX = 4096;
export const PACKAGE_NAME_MAX = 214;

export const registryNameSchema = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(REGISTRY_NAME_MAX, `Name must be at most ${REGISTRY_NAME_MAX} characters.`)
  .refine(isSafeText, `Name ${UNSAFE_TEXT_MESSAGE}.`);

export const registryUrlInputSchema = z
  .string({ error: "Enter the registry's URL." })
  .trim()
  .min(1, "Enter the registry's URL.")
  .max(REGISTRY_URL_MAX, `The URL must be at most ${REGISTRY_URL_MAX} characters.`);

// npm scope names: lowercase, URL-safe. "@company/*" is accepted and stored as "@company".
const SCOPE_PATTERN = /^@[a-z0-9~-][a-z0-9._~-]*$/;

export const scopeSchema = z
  .string({ error: "A scope must be text like @company." })
  .trim()
  .transform((scope) => scope.toLowerCase().replace(/\/\*?$/, ""))
  .refine((scope) => scope.length <= 100 && SCOPE_PATTERN.test(scope), {
    error: (issue) => `"${String(issue.input)}" is not a scope: scopes look like @company.`,
  });

export const scopesSchema = z
  .array(scopeSchema, { error: 'Scopes must be a list like ["@company"].' })
  .max(SCOPES_MAX, `At most ${SCOPES_MAX} scopes per registry.`)
  .superRefine((scopes, context) => {
    const seen = new Set<string>();
    for (const [index, scope] of scopes.entries()) {
      if (seen.has(scope)) context.addIssue({ code: "custom", message: `${scope} is listed twice.`, path: [index] });
      seen.add(scope);
    }
  });

/** Another service's API key, as the user pastes it. Stored encrypted, never shown again in full. */
export const upstreamApiKeySchema = z
  .string({ error: "The API key must be text." })
  .trim()
  .min(1, "Enter the API key, or leave the field empty for none.")
  .max(UPSTREAM_KEY_MAX, `The API key must be at most ${UPSTREAM_KEY_MAX} characters.`)
  .refine((key) => !/\s/.test(key) && isSafeText(key), "The API key must not contain spaces or line breaks.");

export const registryIdSchema = z.uuid("Registry id must be a UUID.");

export const discoverRegistrySchema = z.strictObject({ url: registryUrlInputSchema });

export const createRegistrySchema = z.strictObject({
  url: registryUrlInputSchema,
  /** Defaults to the name the discovery document gives. */
  name: registryNameSchema.optional(),
  apiKey: upstreamApiKeySchema.nullish(),
  scopes: scopesSchema.default([]),
  upstreamId: registryIdSchema.nullish(),
  /** Save the API key even though the registry did not accept it in the connection check (audited). */
  saveUnchecked: z.boolean({ error: "saveUnchecked must be true or false." }).optional(),
});
export type CreateRegistryInput = Omit<z.infer<typeof createRegistrySchema>, "scopes"> & { scopes?: string[] };

export const updateRegistrySchema = z
  .strictObject({
    name: registryNameSchema.optional(),
    scopes: scopesSchema.optional(),
    /** null removes the upstream. */
    upstreamId: registryIdSchema.nullable().optional(),
    /** A new key replaces the stored one; null removes it. */
    apiKey: upstreamApiKeySchema.nullable().optional(),
    /** Save a new API key even though the registry did not accept it in the connection check (audited). */
    saveUnchecked: z.boolean({ error: "saveUnchecked must be true or false." }).optional(),
  })
  .refine(
    (input) => Object.entries(input).some(([name, value]) => name !== "saveUnchecked" && value !== undefined),
    "Send at least one field to change.",
  );
export type UpdateRegistryInput = z.infer<typeof updateRegistrySchema>;

export const reorderRegistriesSchema = z.strictObject({
  ids: z
    .array(registryIdSchema, { error: "ids must be the list of registry ids in their new order." })
    .min(1, "ids must list every registry.")
    .max(500, "Too many ids.")
    .refine((ids) => new Set(ids).size === ids.length, "ids must not repeat a registry."),
});

export const registrySettingsSchema = z.strictObject({
  allowPrivateHosts: z.boolean({ error: "allowPrivateHosts must be true or false." }),
});

// npm package names: an optional @scope/, then a lowercase URL-safe name.
const PACKAGE_PATTERN = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

export const packageNameSchema = z
  .string({ error: "Enter a package name, e.g. @company/pkg." })
  .trim()
  .min(1, "Enter a package name, e.g. @company/pkg.")
  .max(PACKAGE_NAME_MAX, `A package name is at most ${PACKAGE_NAME_MAX} characters.`)
  .transform((name) => name.toLowerCase())
  .refine((name) => PACKAGE_PATTERN.test(name), "That is not a package name: use name or @scope/name.")
  .meta({ example: "@company/pkg" });

export const resolveQuerySchema = z.object({
  package: packageNameSchema,
  /** "true": also ask the registries themselves (each under a deadline), not only the configuration. */
  live: z.enum(["true", "false"], { error: 'live must be "true" or "false".' }).optional(),
});

const configFormatSchema = z.enum(["list", "map"], { error: 'format must be "list" or "map".' });

export const exportOptionsSchema = z.strictObject({
  /** Write the upstream API keys in clear (owners and admins signed in: registries:secrets). */
  includeSecrets: z.boolean({ error: "includeSecrets must be true or false." }).default(false),
  /** Mint a fresh Keysmith key (reader role) and write it as this registry's api_key (keys:write). */
  mintKeyFor: registryIdSchema.nullish(),
  /** The minted key's lifetime (default 90 days), within the organisation's key policy. */
  mintKeyExpiresInDays: expiryPresetSchema("mintKeyExpiresInDays").optional(),
  /** "list" (the registry seed's format) or "map" (what the prompd CLI and desktop app read). */
  format: configFormatSchema.optional(),
  /** An existing config.yaml: the export is merged into it, keeping every key Keysmith does not own. */
  mergeInto: z
    .string({ error: "mergeInto must be the text of a config.yaml." })
    .max(64 * 1024, "mergeInto must be at most 64 KiB.")
    .optional(),
});

export const downloadConfigQuerySchema = z.strictObject({ format: configFormatSchema.optional() });
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/** "Test connection": a URL and key (adding) or a registry id and optionally a new key (editing). */
export const checkRegistrySchema = z.union(
  [
    z.strictObject({ url: registryUrlInputSchema, apiKey: upstreamApiKeySchema }),
    z.strictObject({ registryId: registryIdSchema, apiKey: upstreamApiKeySchema.optional() }),
  ],
  { error: "Send { url, apiKey } for a new registry, or { registryId, apiKey? } for a saved one." },
);
export type CheckRegistryInput = z.infer<typeof checkRegistrySchema>;
