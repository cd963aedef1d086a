import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { jsonResponse } from "../components";
import { z } from "../zod";
import { healthSchema, wellKnownSchema } from "../schemas/public";

export function registerHealthPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/health",
    tags: ["Health"],
    summary: "Liveness and database reachability",
    responses: {
      200: jsonResponse("Up, and the database answers; `degraded` lists what works in a reduced way (e.g. Redis bypassed).", healthSchema),
      503: jsonResponse("The database does not answer.", healthSchema),
    },
  });
}

export function registerPingPath(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/ping",
    tags: ["Health"],
    summary: "The cheapest answer the server gives",
    description: "No database, no auth: a baseline for benchmarks.",
    responses: { 200: jsonResponse("Alive.", z.strictObject({ ok: z.literal(true) })) },
  });
}

export function registerDocumentPath(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/openapi.json",
    tags: ["Discovery"],
    summary: "This OpenAPI 3.1 document",
    responses: { 200: { description: "The document.", content: { "application/json": { schema: z.object({ openapi: z.literal("3.1.0") }) } } } },
  });
}

export function registerWellKnownPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/.well-known/registry.json",
    tags: ["Discovery"],
    summary: "Keysmith's own discovery document",
    description: "Public and cacheable (CORS `*`): what a registry client needs to use Keysmith as its key service.",
    responses: { 200: jsonResponse("The discovery document.", wellKnownSchema) },
  });
}
