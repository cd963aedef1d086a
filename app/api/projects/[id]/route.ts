import { route } from "@/lib/api/route";
import { noContent } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/projects";
import { deleteProject, renameProject } from "@/lib/projects/service";

export const PATCH = route(operations.renameProject, async ({ principal, params, body, audit }) => {
  await renameProject(principal, params.id, body.name, audit);
  return noContent();
});

/** 409 while a usable key is limited to the project; revoked and expired keys are detached. */
export const DELETE = route(operations.deleteProject, async ({ principal, params, audit }) => {
  await deleteProject(principal, params.id, audit);
  return noContent();
});
