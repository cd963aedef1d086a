import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** Renames the organisation: owners only (organization:write), audited with the old and new name. */
export async function renameOrganization(principal: Principal, name: string, audit: AuditContext): Promise<{ id: string; name: string }> {
  requirePermission(principal, "organization:write");
  return db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: principal.orgId }, select: { id: true, name: true } });
    if (!org) throw notFound("Organisation");
    if (org.name === name) return org;
    const renamed = await tx.organization.update({ where: { id: org.id }, data: { name }, select: { id: true, name: true } });
    await recordAudit(tx, audit, {
      action: "org.rename",
      targetType: "organization",
      targetId: org.id,
      metadata: { before: org.name, after: name },
    });
    return renamed;
  });
}
