import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { createProject, listProjects } from "@/lib/projects/service";
import { projectBodySchema } from "@/lib/validations/projects";

export const GET = withSession({}, async ({ session }) => json({ data: await listProjects(session.orgId) }));

export const POST = withSession({ body: projectBodySchema }, async ({ session, body, request }) =>
  json({ project: await createProject(session, body.name, auditContext(request, session)) }, 201),
);
