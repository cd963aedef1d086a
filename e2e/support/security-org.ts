import type { APIRequestContext } from "@playwright/test";
import type { OpenApiDocument } from "./openapi-validator";
import { seedOrg, type SeededOrg } from "./seeded-org";
import { securityDatabaseUrl } from "./security-server";

export const NO_SUCH_ID = "0190a6d2-0000-7000-8000-000000000000";

export const seedSecurityOrg = (label: string): Promise<SeededOrg> => seedOrg(securityDatabaseUrl(), label);

export async function fetchDocument(request: APIRequestContext): Promise<OpenApiDocument> {
  return (await (await request.get("/api/openapi.json")).json()) as OpenApiDocument;
}

export interface DocumentedOperation {
  method: string;
  /** The documented path, e.g. /api/tokens/{id}. */
  path: string;
  /** The path with every parameter filled in. */
  url: string;
  jsonBody: boolean;
  /** Needs a session or an API key (its declaration's permission below). */
  authenticated: boolean;
  /** The declared permission (x-keysmith-permission), for authenticated operations. */
  permission: string | null;
}

export function documentedOperations(document: OpenApiDocument, fill: (name: string) => string = () => NO_SUCH_ID): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const op = operation as {
        requestBody?: { content?: Record<string, unknown> };
        security?: unknown[];
        "x-keysmith-permission"?: string;
      };
      return {
        method: method.toUpperCase(),
        path,
        url: path.replace(/\{(\w+)\}/g, (_match, name: string) => fill(name)),
        jsonBody: Boolean(op.requestBody?.content?.["application/json"]),
        authenticated: Boolean(op.security?.length),
        permission: op["x-keysmith-permission"] ?? null,
      };
    }),
  );
}
