import { z } from "zod";
import type { DiscoverySummary, EndpointView } from "./view";

// The shapes Keysmith reads at <registry>/.well-known/registry.json. Only `name` is required;
// unknown fields are ignored so registries can say more than Keysmith reads. Two dialects:
//
// PrompdHub's (and Keysmith's own, see well-known.ts): flat `endpoints` of path strings,
// relative to the registry's origin, a `capabilities` list, and no `api_base` (then the API base
// is the registry's URL). A flat `tokens` path gives the REST operations on it (GET list,
// POST create, DELETE <path>/{id} revoke); a flat `verify` path is a POST.
//
//   { "name": "PrompdHub", "endpoints": { "tokens": "/auth/tokens", "packages": "/packages" }, "capabilities": ["search", "publish"] }
//
// The registry seed's, with methods:
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
    method: z
      .string()
      .transform((method) => method.toUpperCase())
      .pipe(z.enum(METHODS, { error: ENDPOINT_HINT })),
    path: z.string().trim().max(1024).refine(isPathOrHttpUrl, "must be a path starting with / or an http(s) URL"),
  })
  .transform((endpoint): EndpointView => endpoint);

const endpoint = z.union([endpointString, endpointObject], { error: ENDPOINT_HINT });

/** A flat endpoint: a path ("/auth/tokens") or an absolute http(s) URL, without a method. */
const flatPath = z.string().trim().max(1024).refine(isPathOrHttpUrl, "must be a path starting with / or an http(s) URL");
const isFlatPath = (value: unknown): value is string => typeof value === "string" && flatPath.safeParse(value).success;

const tokensObject = z.object({ list: endpoint.optional(), create: endpoint.optional(), revoke: endpoint.optional() });
const flatTokens = flatPath.transform((path) => ({
  list: { method: "GET", path },
  create: { method: "POST", path },
  revoke: { method: "DELETE", path: `${path.replace(/\/+$/, "")}/{id}` },
}));
// A string is a flat path, anything else the method-qualified form: each with its own messages
// (a union would only say "Invalid input").
const FLAT_HINT = 'must be a path ("/api/tokens/verify") or look like "POST /api/tokens/verify"';
const tokensEndpoints = z.unknown().transform((value, context) => {
  const result = typeof value === "string" ? flatTokens.safeParse(value) : tokensObject.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    context.addIssue({
      code: "custom",
      path: issue.path,
      message: typeof value === "string" ? "must be a path starting with / or an http(s) URL" : issue.message,
    });
  return z.NEVER;
});
const verifyEndpoint = z.unknown().transform((value, context): EndpointView => {
  const flat = typeof value === "string" && isFlatPath(value);
  const result = flat ? { success: true as const, data: { method: "POST", path: (value as string).trim() } } : endpoint.safeParse(value);
  if (result.success) return result.data;
  context.addIssue({ code: "custom", message: FLAT_HINT });
  return z.NEVER;
});

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
    version: z
      .union([z.string().trim().max(50), z.number()])
      .transform(String)
      .optional(),
    api_base: z
      .string({ error: "must be the absolute URL or path of the registry's API" })
      .trim()
      .max(2048)
      .refine(isPathOrHttpUrl, "must be an http(s) URL or a path starting with /")
      .optional(),
    endpoints: z
      .looseObject({
        tokens: tokensEndpoints.optional(),
        verify: verifyEndpoint.optional(),
      })
      .optional(),
    capabilities: z
      .array(z.string().trim().min(1).max(64), { error: "must be a list of strings" })
      .max(100, "must list at most 100 capabilities")
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
  // Without api_base (PrompdHub's document) the registry's own URL is its API base.
  const base = document.api_base ?? registryUrl;
  const apiBase = base.startsWith("/") ? `${new URL(registryUrl).origin}${base}` : base;
  // From the input: parsing turned flat `tokens` and `verify` into method-qualified endpoints.
  const rawEndpoints = (value as { endpoints?: Record<string, unknown> }).endpoints ?? {};
  const flatEndpoints = Object.fromEntries(
    Object.entries(rawEndpoints)
      .filter((pair): pair is [string, string] => pair[0].length <= 64 && isFlatPath(pair[1]))
      .map(([name, path]) => [name, path.trim()])
      .slice(0, 50),
  );
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
      endpoints: flatEndpoints,
      capabilities: [...new Set(document.capabilities ?? [])],
    },
  };
}
