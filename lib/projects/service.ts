import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";

// Projects group an organisation's keys; a key limited to a project reports it at verification.
// Deleting a project refuses while a usable key (not revoked, not expired) is limited to it:
// detaching such a key would silently widen it to the whole organisation. Keys that can no
// longer verify are detached (projectId set to null by the foreign key).

export interface ProjectView {
  id: string;
  name: string;
  createdAt: string;
  /** Keys limited to the project that still verify (active, expiring or disabled). */
  liveKeyCount: number;
}

const nameTaken = (name: string) => new AppError("CONFLICT", `A project named "${name}" exists already.`, "name");

function liveKeysWhere(now: Date): Prisma.ApiKeyWhereInput {
  return {
    status: "active",
    OR: [{ revokesAt: null }, { revokesAt: { gt: now } }],
    AND: [{ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }],
  };
}

export async function listProjects(orgId: string): Promise<ProjectView[]> {
  const now = await dbClock().now();
  const projects = await db().project.findMany({
    where: { orgId },
    orderBy: { name: "asc" },
    include: { _count: { select: { apiKeys: { where: liveKeysWhere(now) } } } },
  });
  return projects.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), liveKeyCount: p._count.apiKeys }));
}

/** The project, if it belongs to the organisation; a 400 naming `field` otherwise. */
export async function requireProject(orgId: string, id: string, field = "projectId"): Promise<{ id: string; name: string }> {
  const project = await db().project.findFirst({ where: { id, orgId }, select: { id: true, name: true } });
  if (!project) throw new AppError("VALIDATION_FAILED", "No such project in this organisation.", field);
  return project;
}

export async function createProject(session: Principal, name: string, audit: AuditContext): Promise<ProjectView> {
  requirePermission(session, "keys:write");
  try {
    return await db().$transaction(async (tx) => {
      const project = await tx.project.create({ data: { orgId: session.orgId, name } });
      await recordAudit(tx, audit, { action: "project.create", targetType: "project", targetId: project.id, metadata: { name } });
      return { id: project.id, name: project.name, createdAt: project.createdAt.toISOString(), liveKeyCount: 0 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

export async function renameProject(session: Principal, id: string, name: string, audit: AuditContext): Promise<void> {
  requirePermission(session, "keys:write");
  try {
    await db().$transaction(async (tx) => {
      const project = await tx.project.findFirst({ where: { id, orgId: session.orgId } });
      if (!project) throw notFound("Project");
      if (project.name === name) return;
      await tx.project.update({ where: { id }, data: { name } });
      await recordAudit(tx, audit, {
        action: "project.rename",
        targetType: "project",
        targetId: id,
        metadata: { from: project.name, to: name },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

export async function deleteProject(session: Principal, id: string, audit: AuditContext): Promise<void> {
  requirePermission(session, "keys:write");
  await db().$transaction(async (tx) => {
    // Locks the project row: a key created for it meanwhile waits (its foreign key check needs the row).
    const rows = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "Project" WHERE id = ${id}::uuid AND "orgId" = ${session.orgId}::uuid FOR UPDATE`;
    if (rows.length === 0) throw notFound("Project");
    const live = await tx.apiKey.count({ where: { projectId: id, ...liveKeysWhere(await dbClock().now()) } });
    if (live > 0) {
      throw new AppError(
        "CONFLICT",
        `${live} usable ${live === 1 ? "key is" : "keys are"} limited to this project. Revoke ${live === 1 ? "it" : "them"} first.`,
      );
    }
    await tx.project.delete({ where: { id } });
    await recordAudit(tx, audit, { action: "project.delete", targetType: "project", targetId: id, metadata: { name: rows[0]!.name } });
  });
}
