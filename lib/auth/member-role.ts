import { db } from "@/lib/db/client";
import type { OrgRole } from "./types";

// A person's current role in an organisation, wherever Keysmith learns it: local memberships,
// or the role a Clerk user's session last carried (ClerkMember, kept by clerk-session.ts).

/** The role `userId` holds in `orgId` now, or null when they are not (or no longer) a member. */
export async function currentMemberRole(orgId: string, userId: string): Promise<OrgRole | null> {
  const rows = await db().$queryRaw<{ role: OrgRole }[]>`
    SELECT m.role::text AS role FROM "Membership" m WHERE m."orgId" = ${orgId}::uuid AND m."userId"::text = ${userId}
    UNION ALL
    SELECT c.role::text AS role FROM "ClerkMember" c WHERE c."orgId" = ${orgId}::uuid AND c."userId" = ${userId}
    LIMIT 1`;
  return rows[0]?.role ?? null;
}

const RECORD_EVERY_MS = 60_000;
const recorded = new Map<string, { role: OrgRole; at: number }>();

/** Remembers the role a Clerk session carries (at most once a minute per person, at once on a change). */
export async function recordClerkRole(orgId: string, userId: string, role: OrgRole): Promise<void> {
  const cacheKey = `${orgId}:${userId}`;
  const last = recorded.get(cacheKey);
  const now = Date.now();
  if (last && last.role === role && now - last.at < RECORD_EVERY_MS) return;
  await db().clerkMember.upsert({
    where: { orgId_userId: { orgId, userId } },
    create: { orgId, userId, role, seenAt: new Date(now) },
    update: { role, seenAt: new Date(now) },
  });
  recorded.set(cacheKey, { role, at: now });
}
