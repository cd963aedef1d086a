import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { SESSION_TTL_MS } from "./cookie";
import type { Session } from "./types";

// The cookie carries a random token; the database keeps only its SHA-256, so reading
// the sessions table does not let anyone sign in.
const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

export async function startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  // Sweeps the user's expired sessions, so the table does not grow with every sign-in.
  await db().$transaction([
    db().session.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } }),
    db().session.create({ data: { id: tokenId(token), userId, expiresAt } }),
  ]);
  return { token, expiresAt };
}

/** Ends the session behind the token; answers whose it was, or null when it was unknown. */
export async function endSession(token: string): Promise<{ userId: string } | null> {
  const [ended] = await db().$queryRaw<{ userId: string }[]>`
    DELETE FROM "Session" WHERE id = ${tokenId(token)} RETURNING "userId"::text AS "userId"`;
  return ended ?? null;
}

export interface LocalIdentity extends Session {
  email: string;
  orgName: string;
}

/** The identity behind a session token, or null when the token is unknown or expired. */
export async function resolveSession(token: string | undefined): Promise<LocalIdentity | null> {
  if (!token || token.length > 100) return null;
  const row = await db().session.findUnique({
    where: { id: tokenId(token) },
    include: { user: { include: { memberships: { include: { org: true }, orderBy: { createdAt: "asc" }, take: 1 } } } },
  });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  const membership = row.user.memberships[0];
  if (!membership) return null;
  return {
    userId: row.userId,
    orgId: membership.orgId,
    orgRole: membership.role,
    email: row.user.email,
    orgName: membership.org.name,
  };
}
