import type { APIResponse } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

// Validates real answers against the OpenAPI document the server serves: the status must be
// one the operation documents, and a JSON body must match that status's schema.

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

const pointer = (...parts: string[]) => "#/" + parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  /** "GET /api/tokens" → statuses seen. */
  readonly exercised = new Map<string, Set<number>>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, "openapi");
  }

  operations(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  /** Returns the problems with this answer; an empty list means it is as documented. */
  async check(operation: string, response: APIResponse): Promise<string[]> {
    const [method, path] = operation.split(" ") as [string, string];
    const documented = this.document.paths[path]?.[method.toLowerCase()];
    if (!documented) return [`${operation} is not documented`];
    const status = response.status();
    this.exercised.set(operation, (this.exercised.get(operation) ?? new Set()).add(status));
    const answer = documented.responses[String(status)];
    if (!answer)
      return [`${operation} answered ${status}, documented: ${Object.keys(documented.responses).join(", ")} — ${await response.text()}`];
    const type = (response.headers()["content-type"] ?? "").split(";")[0]!.trim();
    if (!answer.content) return (await response.body()).length === 0 ? [] : [`${operation} ${status} should have no body`];
    if (!answer.content[type]) return [`${operation} ${status} answered ${type}, documented: ${Object.keys(answer.content).join(", ")}`];
    if (type !== "application/json") return [];
    const validate = this.ajv.getSchema(
      `openapi${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", type, "schema")}`,
    );
    if (!validate) return [`no schema for ${operation} ${status}`];
    const body = await response.json();
    return validate(body)
      ? []
      : [`${operation} ${status}: ${this.ajv.errorsText(validate.errors)} — ${JSON.stringify(body).slice(0, 400)}`];
  }
}
