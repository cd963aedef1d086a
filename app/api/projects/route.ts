import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/projects";
import { createProject, listProjects } from "@/lib/projects/service";

export const GET = route(operations.listProjects, async ({ principal }) => json({ data: await listProjects(principal.orgId) }));

export const POST = route(operations.createProject, async ({ principal, body, audit }) =>
  json({ project: await createProject(principal, body.name, audit) }, 201),
);
