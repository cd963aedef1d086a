import { z } from "@/lib/openapi/zod";
import { jsonResponse } from "@/lib/openapi/components";
import { projectListSchema, projectResultSchema } from "@/lib/openapi/schemas/projects";
import { projectBodySchema, projectIdParamSchema } from "@/lib/validations/projects";
import { defineOperation } from "../operation";
import { sessionOrKey } from "./access";

const projectParams = z.object({ id: projectIdParamSchema });

export const listProjects = defineOperation({
  id: "listProjects",
  method: "GET",
  path: "/api/projects",
  tag: "Projects",
  summary: "List the organisation's projects",
  description: "By name, each with the number of its keys that still verify.",
  access: sessionOrKey("keys:read", "shared"),
  responses: { 200: jsonResponse("The projects.", projectListSchema) },
});

export const createProject = defineOperation({
  id: "createProject",
  method: "POST",
  path: "/api/projects",
  tag: "Projects",
  summary: "Create a project",
  description: "Names are unique in the organisation (409).",
  access: sessionOrKey("keys:write", "refused"),
  body: projectBodySchema,
  bodyExample: { name: "Storefront" },
  responses: { 201: jsonResponse("The project.", projectResultSchema) },
  errors: [409],
});

export const renameProject = defineOperation({
  id: "renameProject",
  method: "PATCH",
  path: "/api/projects/{id}",
  tag: "Projects",
  summary: "Rename a project",
  description: "409 when another project has the name.",
  access: sessionOrKey("keys:write", "refused"),
  params: projectParams,
  body: projectBodySchema,
  bodyExample: { name: "Storefront EU" },
  responses: { 204: { description: "Renamed." } },
  errors: [404, 409],
});

export const deleteProject = defineOperation({
  id: "deleteProject",
  method: "DELETE",
  path: "/api/projects/{id}",
  tag: "Projects",
  summary: "Delete a project",
  description:
    "409 while a usable key is limited to the project (detaching it would widen it to the whole organisation); revoked and expired keys are detached.",
  access: sessionOrKey("keys:write", "refused"),
  params: projectParams,
  responses: { 204: { description: "Deleted." } },
  errors: [404, 409],
});
