import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { SESSION_TTL_MS } from "./cookie";
import type { OrgRole, Session } from "./types";

// The cookie carries a random token; the database keeps only its SHA-256, so reading
// the sessions table does not let anyone sign in.
const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

export async function startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  // One statement, on the database's clock (as every expiry is): sweeps the user's expired
  // sessions, so the table does not grow with every sign-in, and adds the new one.
  const [created] = await db().$queryRaw<{ expiresAt: Date }[]>`
    WITH swept AS (DELETE FROM "Session" WHERE "userId" = ${userId}::uuid AND "expiresAt" <= now())
    INSERT INTO "Session" (id, "userId", "createdAt", "expiresAt")
    VALUES (${tokenId(token)}, ${userId}::uuid, now(), now() + ${SESSION_TTL_MS} * interval '1 millisecond')
    RETURNING "expiresAt"`;
  return { token, expiresAt: created!.expiresAt };
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
  // One query on every signed-in request: the session (unexpired by the database's clock), its
  // user and the user's first organisation.
  const [row] = await db().$queryRaw<{ userId: string; email: string; orgId: string; orgRole: OrgRole; orgName: string }[]>`
    SELECT s."userId"::text AS "userId", u.email, m."orgId"::text AS "orgId", m.role::text AS "orgRole", o.name AS "orgName"
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    JOIN LATERAL (
      SELECT "orgId", role FROM "Membership" WHERE "userId" = s."userId" ORDER BY "createdAt" ASC, id ASC LIMIT 1
    ) m ON true
    JOIN "Organization" o ON o.id = m."orgId"
    WHERE s.id = ${tokenId(token)} AND s."expiresAt" > now()`;
  return row ?? null;
}
