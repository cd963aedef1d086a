import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { projectBodySchema, projectIdParamSchema } from "@/lib/validations/projects";
import { errors, jsonBody, jsonResponse, sessionSecurity, WRITE_ERRORS } from "../components";
import { projectListSchema, projectResultSchema } from "../schemas/projects";
import { z } from "../zod";

const projectParams = z.object({ id: projectIdParamSchema });

export function registerProjectPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/projects",
    tags: ["Projects"],
    summary: "List the organisation's projects",
    description: "By name, each with the number of its keys that still verify. API keys need `keys:read`.",
    security: sessionSecurity,
    responses: { 200: jsonResponse("The projects.", projectListSchema) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/projects",
    tags: ["Projects"],
    summary: "Create a project",
    description: "Owners and admins (API keys: `keys:write`). Names are unique in the organisation.",
    security: sessionSecurity,
    request: { body: jsonBody(projectBodySchema, { name: "Storefront" }) },
    responses: { 201: jsonResponse("The project.", projectResultSchema), ...errors(...WRITE_ERRORS, 409) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/projects/{id}",
    tags: ["Projects"],
    summary: "Rename a project",
    description: "Owners and admins (API keys: `keys:write`). 409 when another project has the name.",
    security: sessionSecurity,
    request: { params: projectParams, body: jsonBody(projectBodySchema, { name: "Storefront EU" }) },
    responses: { 204: { description: "Renamed." }, ...errors(...WRITE_ERRORS, 404, 409) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/projects/{id}",
    tags: ["Projects"],
    summary: "Delete a project",
    description:
      "Owners and admins (API keys: `keys:write`). 409 while a usable key is limited to the project (detaching it would widen it to the whole organisation); " +
      "revoked and expired keys are detached.",
    security: sessionSecurity,
    request: { params: projectParams },
    responses: { 204: { description: "Deleted." }, ...errors(400, 404, 409) },
  });
}
