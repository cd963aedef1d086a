import { z } from "zod";
import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { noContent } from "@/lib/api/respond";
import { deleteProject, renameProject } from "@/lib/projects/service";
import { projectBodySchema, projectIdParamSchema } from "@/lib/validations/projects";

const params = z.object({ id: projectIdParamSchema });

export const PATCH = withSession({ params, body: projectBodySchema }, async ({ session, params, body, request }) => {
  await renameProject(session, params.id, body.name, auditContext(request, session));
  return noContent();
});

/** 409 while a usable key is limited to the project; revoked and expired keys are detached. */
export const DELETE = withSession({ params }, async ({ session, params, request }) => {
  await deleteProject(session, params.id, auditContext(request, session));
  return noContent();
});
