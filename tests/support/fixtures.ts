import { randomBytes } from "node:crypto";
import type { OrgRole, Session } from "@/lib/auth/types";
import { db } from "@/lib/db/client";

/** A fresh organisation with one member of each role, as sessions. */
export async function createOrgWithMembers(): Promise<Record<OrgRole, Session> & { orgId: string }> {
  const tag = randomBytes(4).toString("hex");
  const org = await db().organization.create({ data: { name: `Org ${tag}` } });
  const sessions = {} as Record<OrgRole, Session>;
  for (const role of ["owner", "admin", "member"] as const) {
    const user = await db().user.create({ data: { email: `${role}-${tag}@example.test` } });
    await db().membership.create({ data: { orgId: org.id, userId: user.id, role } });
    sessions[role] = { userId: user.id, orgId: org.id, orgRole: role };
  }
  return { ...sessions, orgId: org.id };
}
