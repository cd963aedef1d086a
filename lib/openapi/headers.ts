import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";

// Response headers the server sends (lib/verify/headers.ts, the download routes), declared once
// under components/headers and referenced by the responses that carry them.

const HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed per window for this API key.", schema: { type: "integer", minimum: 0 } },
  "RateLimit-Remaining": { description: "Requests left in the current window.", schema: { type: "integer", minimum: 0 } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer", minimum: 0 } },
  "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 0 } },
  "Content-Disposition": {
    description: '`attachment; filename="…"`: the suggested file name of the download.',
    schema: { type: "string" },
  },
} as const;

export type HeaderName = keyof typeof HEADERS;
export const RATE_LIMIT_HEADERS: readonly HeaderName[] = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

export function registerHeaders(registry: OpenAPIRegistry): void {
  for (const [name, header] of Object.entries(HEADERS)) registry.registerComponent("headers", name, { ...header });
}

/** A response with references to the named headers added. */
export function withHeaders(response: ResponseConfig, names: readonly HeaderName[]): ResponseConfig {
  if (names.length === 0) return response;
  const existing = response.headers && !("_zod" in response.headers) ? response.headers : {};
  const references = Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
  return { ...response, headers: { ...existing, ...references } };
}
