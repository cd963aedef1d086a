import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "./zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/error-codes";
import { SESSION_COOKIE } from "@/lib/auth/cookie";
import { registerHeaders } from "./headers";

// Shared parts of the document: the error body every route answers with (lib/api/respond.ts),
// the two ways to authenticate, and the error responses routes list by status.

const errorCodes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(errorCodes).meta({ description: "Stable, machine-readable code (lib/api/error-codes.ts)." }),
      message: z.string().meta({ description: "A sentence for people; the dashboard shows it as sent." }),
      field: z.string().optional().meta({ description: "The input field at fault, as a dotted path (`scopes.0`)." }),
    }),
  })
  .openapi("Error", { example: { error: { code: "VALIDATION_FAILED", message: "Name is required.", field: "name" } } });

export const SECURITY = {
  session: "sessionCookie",
  apiKey: "bearerApiKey",
  apiKeyHeader: "headerApiKey",
} as const;

export function registerComponents(registry: OpenAPIRegistry): void {
  registry.registerComponent("securitySchemes", SECURITY.session, {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The dashboard's browser session (local sign-in), or Clerk's `__session` when Clerk is the provider. Writes must come from the dashboard's own origin.",
  });
  registry.registerComponent("securitySchemes", SECURITY.apiKey, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "ks_live_sk_…",
    description:
      "A secret Keysmith API key as `Authorization: Bearer <key>` (or `X-API-Key: <key>`, the `headerApiKey` scheme). It acts in its own organisation with the permission each operation names " +
      "(`keys:read`, `keys:write`, `registries:delete`…; `<area>:write` implies `<area>:read`, `admin:*` grants all), bounded by its creator's current role: " +
      "a key never does more than the person who made it may do now. Publishable (`pk`) keys are refused (401 `PUBLISHABLE_KEY`). " +
      "A request with a key is judged by the key alone (no cookie, no Origin check).",
  });
  registry.registerComponent("securitySchemes", SECURITY.apiKeyHeader, {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description:
      "The same secret API key as `X-API-Key: <key>`, for clients that cannot set `Authorization`. It is judged exactly like the bearer form.",
  });
  registerHeaders(registry);
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad input: the message names the field and the reason.",
  401: "No valid session or API key.",
  403: "Not allowed for this role, or a cross-site write.",
  404: "No such resource in your organisation.",
  409: "Conflicts with the current state; nothing was changed.",
  413: "The body is larger than allowed.",
  429: "The API key's per-minute limit is used up; see Retry-After.",
  500: "Unexpected server error; nothing was changed.",
  503: "The database cannot be reached; nothing was changed (API keys fail closed).",
};

/** Error responses by status, each with the shared error body. */
export function errors(...statuses: number[]): Record<number, ResponseConfig> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? "Error.", content: { "application/json": { schema: errorBodySchema } } },
    ]),
  );
}

export const jsonBody = (schema: z.ZodType, example?: unknown) => ({
  required: true,
  content: { "application/json": example === undefined ? { schema } : { schema, example } },
});
export const jsonResponse = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { "application/json": { schema } },
});
