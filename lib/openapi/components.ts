import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "./zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/error-codes";
import { SESSION_COOKIE } from "@/lib/auth/cookie";

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
} as const;

export function registerComponents(registry: OpenAPIRegistry): void {
  registry.registerComponent("securitySchemes", SECURITY.session, {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The dashboard's browser session (local sign-in), or Clerk's `__session` when Clerk is the provider. Writes must come from the dashboard's own origin.",
  });
  registry.registerComponent("securitySchemes", SECURITY.apiKey, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "ks_live_sk_…",
    description:
      "A Keysmith API key as `Authorization: Bearer <key>` (or `X-API-Key: <key>`). It acts in its own organisation with management scopes per area: " +
      "`keys:read`/`keys:write` (also projects and key settings), `registries:read`/`registries:write`, `members:read`/`members:write` (write implies read), " +
      "`audit:read`, `usage:read`; `admin:*` grants all. " +
      "A request with a key is judged by the key alone (no cookie, no Origin check).",
  });
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

/** What every session-authenticated write can answer besides its own outcomes. */
export const WRITE_ERRORS = [400, 401, 403, 413] as const;
export const READ_ERRORS = [401] as const;

/** Routes for a signed-in member or an API key with the area's scope: either scheme. */
export const sessionSecurity: Record<string, string[]>[] = [{ [SECURITY.session]: [] }, { [SECURITY.apiKey]: [] }];
/** Routes for servers holding an API key (a browser session is not enough: 401). */
export const apiKeyOnlySecurity: Record<string, string[]>[] = [{ [SECURITY.apiKey]: [] }];

/**
 * What authentication itself can answer on any protected route: no credentials (401), an API key
 * without the area's scope (403), over its limit (429), or no database to check it against (503).
 */
export const AUTH_ERROR_STATUSES = [401, 403, 429, 503] as const;
export const jsonBody = (schema: z.ZodType, example?: unknown) => ({
  required: true,
  content: { "application/json": example === undefined ? { schema } : { schema, example } },
});
export const jsonResponse = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { "application/json": { schema } },
});
