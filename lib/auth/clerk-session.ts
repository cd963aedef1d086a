import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db/client";
import { recordClerkRole } from "./member-role";
import type { OrgRole, Session } from "./types";

// Clerk owns users and organisations; Keysmith keeps one Organization row per Clerk
// organisation (or per user without one) so keys have a local owner.
const orgIdByExternalId = new Map<string, string>();

function roleFromClerk(orgRole: string | null | undefined): OrgRole {
  if (orgRole === "org:owner") return "owner";
  if (orgRole === "org:admin") return "admin";
  return "member";
}

async function localOrgId(externalId: string, name: string): Promise<string> {
  const known = orgIdByExternalId.get(externalId);
  if (known) return known;
  const org = await db().organization.upsert({
    where: { externalId },
    create: { externalId, name },
    update: {},
    select: { id: true },
  });
  orgIdByExternalId.set(externalId, org.id);
  return org.id;
}

export async function getClerkSession(): Promise<(Session & { orgName: string }) | null> {
  const { userId, orgId, orgRole, orgSlug } = await auth();
  if (!userId) return null;
  const session = orgId
    ? { userId, orgId: await localOrgId(orgId, orgSlug ?? orgId), orgRole: roleFromClerk(orgRole), orgName: orgSlug ?? orgId }
    : // A user outside any organisation works in a personal workspace they own.
      { userId, orgId: await localOrgId(`user:${userId}`, "Personal"), orgRole: "owner" as const, orgName: "Personal" };
  // What bounds the keys this person creates: their role as last seen (lib/auth/member-role.ts).
  await recordClerkRole(session.orgId, userId, session.orgRole);
  return session;
}
