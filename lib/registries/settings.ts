import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { RegistrySettingsView } from "./view";

export async function getRegistrySettings(orgId: string): Promise<RegistrySettingsView> {
  const org = await db().organization.findUnique({ where: { id: orgId }, select: { allowPrivateRegistryHosts: true } });
  if (!org) throw notFound("Organisation");
  return { allowPrivateHosts: org.allowPrivateRegistryHosts };
}

/** Owners and admins decide whether registries may live on private networks. */
export async function updateRegistrySettings(
  session: Principal,
  input: RegistrySettingsView,
  audit: AuditContext,
): Promise<RegistrySettingsView> {
  requirePermission(session, "registries:admin");
  return db().$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: session.orgId }, select: { allowPrivateRegistryHosts: true } });
    if (org.allowPrivateRegistryHosts !== input.allowPrivateHosts) {
      await tx.organization.update({ where: { id: session.orgId }, data: { allowPrivateRegistryHosts: input.allowPrivateHosts } });
      await recordAudit(tx, audit, {
        action: "org.settings_update",
        targetType: "organization",
        targetId: session.orgId,
        metadata: { allowPrivateRegistryHosts: { from: org.allowPrivateRegistryHosts, to: input.allowPrivateHosts } },
      });
    }
    return { allowPrivateHosts: input.allowPrivateHosts };
  });
}
