import { z } from "zod";
import type { DiscoverySummary, EndpointView } from "./view";

// The shape Keysmith expects at <registry>/.well-known/registry.json (and serves itself,
// see well-known.ts). Only name and api_base are required; unknown fields are ignored so
// registries can say more than Keysmith reads.
//
// {
//   "name": "Company Registry", "version": "2.1.0",
//   "api_base": "https://registry.company.com/api",
//   "endpoints": {
//     "tokens": { "list": "GET /api/tokens", "create": "POST /api/tokens", "revoke": "DELETE /api/tokens/{id}" },
//     "verify": "POST /api/tokens/verify"
//   },
//   "auth": { "schemes": [{ "type": "bearer" }, { "type": "api_key", "header": "X-API-Key" }] }
// }

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
const ENDPOINT_HINT = 'must look like "GET /api/tokens" or { "method": "GET", "path": "/api/tokens" }';

const isPathOrHttpUrl = (value: string) => {
  if (value.startsWith("/")) return !value.startsWith("//");
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
};

const endpointString = z
  .string()
  .trim()
  .max(1024)
  .transform((value, context): EndpointView => {
    const [method = "", path = "", ...rest] = value.split(/\s+/);
    if (rest.length > 0 || !(METHODS as readonly string[]).includes(method.toUpperCase()) || !isPathOrHttpUrl(path)) {
      context.addIssue({ code: "custom", message: ENDPOINT_HINT });
      return z.NEVER;
    }
    return { method: method.toUpperCase(), path };
  });

const endpointObject = z
  .object({
    method: z.string().transform((method) => method.toUpperCase()).pipe(z.enum(METHODS, { error: ENDPOINT_HINT })),
    path: z.string().trim().max(1024).refine(isPathOrHttpUrl, "must be a path starting with / or an http(s) URL"),
  })
  .transform((endpoint): EndpointView => endpoint);

const endpoint = z.union([endpointString, endpointObject], { error: ENDPOINT_HINT });

const authScheme = z.union([
  z.string().trim().min(1).max(40),
  z.object({ type: z.string().trim().min(1).max(40) }).transform((scheme) => scheme.type),
]);

export const discoveryDocumentSchema = z.object(
  {
    name: z
      .string({ error: "is required (the registry's name)" })
      .trim()
      .min(1, "must not be empty")
      .max(100, "must be at most 100 characters")
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "must not contain control characters"),
    version: z.union([z.string().trim().max(50), z.number()]).transform(String).optional(),
    api_base: z
      .string({ error: "is required (the absolute URL or path of the registry's API)" })
      .trim()
      .max(2048)
      .refine(isPathOrHttpUrl, "must be an http(s) URL or a path starting with /"),
    endpoints: z
      .object({
        tokens: z.object({ list: endpoint.optional(), create: endpoint.optional(), revoke: endpoint.optional() }).optional(),
        verify: endpoint.optional(),
      })
      .optional(),
    auth: z.object({ schemes: z.array(authScheme).max(10, "must list at most 10 schemes").optional() }).optional(),
  },
  { error: "must be a JSON object" },
);

/** Validates a parsed document; `registryUrl` anchors a relative api_base. */
export function summarizeDiscoveryDocument(
  value: unknown,
  registryUrl: string,
): { ok: true; summary: DiscoverySummary } | { ok: false; path: string; message: string } {
  const result = discoveryDocumentSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return { ok: false, path: issue.path.map(String).join("."), message: issue.message };
  }
  const document = result.data;
  const apiBase = document.api_base.startsWith("/") ? `${new URL(registryUrl).origin}${document.api_base}` : document.api_base;
  return {
    ok: true,
    summary: {
      name: document.name,
      version: document.version ?? null,
      apiBase: apiBase.replace(/\/+$/, ""),
      tokenEndpoints: {
        list: document.endpoints?.tokens?.list ?? null,
        create: document.endpoints?.tokens?.create ?? null,
        revoke: document.endpoints?.tokens?.revoke ?? null,
      },
      verifyEndpoint: document.endpoints?.verify ?? null,
      authSchemes: [...new Set(document.auth?.schemes ?? [])],
    },
  };
}
