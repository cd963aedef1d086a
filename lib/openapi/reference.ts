import type { OpenApiDocument } from "./document";

// The API reference page's view of the OpenAPI document: operations grouped by tag, each with
// a curl example that uses a placeholder key — never a real one.

export const PLACEHOLDER_KEY = "ks_live_…";

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  auth: "API key or session" | "API key" | "session" | "none";
  /** The permission the operation's declaration names (lib/api/operations), if it needs one. */
  permission: string | null;
  statuses: { status: string; description: string }[];
  curl: string;
}

export interface ReferenceGroup {
  tag: string;
  description: string | null;
  operations: ReferenceOperation[];
}

interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  "x-keysmith-permission"?: string;
  parameters?: { name: string; in: string; required?: boolean; example?: unknown; schema?: { example?: unknown } }[];
  requestBody?: { content?: Record<string, { example?: unknown }> };
  responses: Record<string, { description?: string }>;
}

function authOf(operation: Operation): ReferenceOperation["auth"] {
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement as object));
  if (schemes.includes("bearerApiKey")) return schemes.includes("sessionCookie") ? "API key or session" : "API key";
  return schemes.length ? "session" : "none";
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function curlFor(origin: string, method: string, path: string, operation: Operation): string {
  const query = (operation.parameters ?? [])
    .filter((parameter) => parameter.in === "query" && parameter.required)
    .map(
      (parameter) =>
        `${parameter.name}=${encodeURIComponent(String(parameter.example ?? parameter.schema?.example ?? `<${parameter.name}>`))}`,
    )
    .join("&");
  const url = `${origin}${path}${query ? `?${query}` : ""}`;
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`} ${shellQuote(url)}`];
  const auth = authOf(operation);
  if (auth === "API key or session" || auth === "API key") lines.push(`-H "Authorization: Bearer ${PLACEHOLDER_KEY}"`);
  if (auth === "session") lines.push(`-H "Cookie: ks_session=<your session cookie>"`);
  const content = operation.requestBody?.content ?? {};
  if (content["application/json"]) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellQuote(JSON.stringify(content["application/json"].example ?? {}))}`);
  } else if (content["application/yaml"]) {
    lines.push(`-H "Content-Type: application/yaml"`, "--data-binary @config.yaml");
  }
  return lines.join(" \\\n  ");
}

export function apiReference(document: OpenApiDocument, origin: string): ReferenceGroup[] {
  const groups = new Map<string, ReferenceGroup>(
    (document.tags ?? []).map((tag) => [tag.name, { tag: tag.name, description: tag.description ?? null, operations: [] }]),
  );
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      const tag = value.tags?.[0] ?? "Other";
      if (!groups.has(tag)) groups.set(tag, { tag, description: null, operations: [] });
      const upper = method.toUpperCase();
      groups.get(tag)!.operations.push({
        id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-$/, ""),
        method: upper,
        path,
        summary: value.summary ?? "",
        description: value.description ?? null,
        auth: authOf(value),
        permission: value["x-keysmith-permission"] ?? null,
        statuses: Object.entries(value.responses).map(([status, response]) => ({ status, description: response.description ?? "" })),
        curl: curlFor(origin, upper, path, value),
      });
    }
  }
  return [...groups.values()].filter((group) => group.operations.length > 0);
}
