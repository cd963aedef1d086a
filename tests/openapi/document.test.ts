import { describe, expect, it } from "vitest";
import { EXPIRY_PRESET_DAYS } from "@/lib/keys/expiry";
import { openApiDocument } from "@/lib/openapi/document";
import { apiReference } from "@/lib/openapi/reference";
import { implementedOperations } from "../support/route-files";

const documentedOperations = () =>
  Object.entries(openApiDocument().paths ?? {})
    .flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((key) => /^(get|post|put|patch|delete)$/.test(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();

describe("the OpenAPI document", () => {
  it("documents every route file's methods, and nothing that does not exist", async () => {
    const implemented = await implementedOperations();
    expect(implemented.length).toBeGreaterThan(20);
    expect(documentedOperations()).toEqual(implemented);
  });

  it("is OpenAPI 3.1 with both auth schemes and the shared error body", () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(["sessionCookie", "bearerApiKey", "headerApiKey"]);
    expect(document.components?.schemas?.Error).toMatchObject({ required: ["error"] });
  });

  it("gives every operation a tag, a summary and at least one success response", () => {
    for (const [path, item] of Object.entries(openApiDocument().paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, { tags?: string[]; summary?: string; responses: object }>)) {
        expect(operation.tags?.length, `${method} ${path}`).toBe(1);
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(
          Object.keys(operation.responses).some((status) => status.startsWith("2")),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  it("names who may call: API keys with audit:read read the trail, publishable keys are requested with an API key only", () => {
    const document = openApiDocument();
    const security = (path: string) => (document.paths?.[path] as { get: { security?: unknown[] } }).get.security;
    expect(security("/api/audit")).toEqual([{ sessionCookie: [] }, { bearerApiKey: [] }, { headerApiKey: [] }]);
    expect(security("/api/audit/export")).toEqual([{ sessionCookie: [] }, { bearerApiKey: [] }, { headerApiKey: [] }]);
    expect(security("/api/tokens/pk")).toEqual([{ bearerApiKey: [] }, { headerApiKey: [] }]);
    const operations = apiReference(document, "https://keysmith.example").flatMap((group) => group.operations);
    const pk = operations.find((operation) => operation.method === "GET" && operation.path === "/api/tokens/pk")!;
    expect(pk.auth).toBe("API key");
    expect(pk.curl).toContain('-H "Authorization: Bearer ks_live_…"');
    expect(pk.curl).not.toContain("Cookie");
  });

  it("documents every expiry preset, not only the first literal", () => {
    const body = (
      openApiDocument().paths?.["/api/tokens"] as {
        post: { requestBody: { content: Record<string, { schema: { properties: Record<string, { enum?: number[] }> } }> } };
      }
    ).post;
    expect(body.requestBody.content["application/json"]!.schema.properties.expiresInDays!.enum).toEqual([...EXPIRY_PRESET_DAYS]);
  });

  it("declares the headers the server sends: RateLimit-* on verify and key-callable answers, Retry-After on 429, Content-Disposition on downloads", () => {
    const paths = openApiDocument().paths as Record<
      string,
      Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>
    >;
    const headers = (path: string, method: string, status: string) => Object.keys(paths[path]![method]!.responses[status]!.headers ?? {});
    expect(headers("/api/tokens/verify", "post", "200")).toEqual(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]);
    expect(headers("/api/tokens", "get", "200")).toEqual(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]);
    expect(headers("/api/tokens", "get", "429")).toContain("Retry-After");
    expect(headers("/api/audit/export", "get", "200")).toContain("Content-Disposition");
    expect(headers("/api/registries/export", "get", "200")).toContain("Content-Disposition");
  });
});
