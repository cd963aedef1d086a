import { principalProject, type Principal } from "@/lib/auth/principal";
import type { Prisma } from "@/lib/db/generated/client";

// Which keys a caller may see and change: its organisation's, or — for an API key limited to a
// project — that project's only. Other keys answer 404, as if they did not exist.

export interface KeyScope {
  orgId: string;
  /** Set for a project-limited caller. */
  projectId: string | null;
}

/** A principal's scope; a bare organisation id means the whole organisation (pages, scripts, tests). */
export function keyScope(of: Principal | string): KeyScope {
  return typeof of === "string" ? { orgId: of, projectId: null } : { orgId: of.orgId, projectId: principalProject(of) };
}

export function keyScopeWhere(scope: KeyScope): Prisma.ApiKeyWhereInput {
  return scope.projectId === null ? { orgId: scope.orgId } : { orgId: scope.orgId, projectId: scope.projectId };
}
