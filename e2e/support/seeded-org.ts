import { createHash, randomBytes } from "node:crypto";
import pg from "pg";

// An organisation of its own for a spec, written straight into the server's database: an
// owner and a member with live sessions. Its externalId keeps it out of the local sign-up
// rule ("the first organisation is joined by new accounts"), so specs that sign up through
// the UI are unaffected, whichever runs first.

export interface SeededOrg {
  orgId: string;
  owner: string;
  admin: string;
  member: string;
  /** Cookie header values ("ks_session=…"). */
  cookies: { owner: string; admin: string; member: string };
  /** Raw session tokens, for browser cookies. */
  tokens: { owner: string; admin: string; member: string };
}

export async function seedOrg(databaseUrl: string | undefined, label: string): Promise<SeededOrg> {
  if (!databaseUrl) throw new Error("The server's database URL is not set (run through `npm test`).");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tag = randomBytes(4).toString("hex");
    const org = await client.query<{ id: string }>(
      `INSERT INTO "Organization" (id, name, "externalId") VALUES (gen_random_uuid(), $1, $2) RETURNING id`,
      [`${label} ${tag}`, `e2e:${label}:${tag}`],
    );
    const orgId = org.rows[0]!.id;
    const tokens = { owner: "", admin: "", member: "" };
    const ids = { owner: "", admin: "", member: "" };
    for (const role of ["owner", "admin", "member"] as const) {
      const user = await client.query<{ id: string }>(`INSERT INTO "User" (id, email) VALUES (gen_random_uuid(), $1) RETURNING id`, [
        `${role}-${tag}@${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.test`,
      ]);
      ids[role] = user.rows[0]!.id;
      await client.query(`INSERT INTO "Membership" (id, "orgId", "userId", role) VALUES (gen_random_uuid(), $1, $2, $3)`, [
        orgId,
        ids[role],
        role,
      ]);
      tokens[role] = randomBytes(32).toString("base64url");
      const sessionId = createHash("sha256").update(tokens[role]).digest("hex");
      await client.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [
        sessionId,
        ids[role],
      ]);
    }
    return {
      orgId,
      owner: ids.owner,
      admin: ids.admin,
      member: ids.member,
      tokens,
      cookies: { owner: `ks_session=${tokens.owner}`, admin: `ks_session=${tokens.admin}`, member: `ks_session=${tokens.member}` },
    };
  } finally {
    await client.end();
  }
}

export const uiDatabaseUrl = () => process.env.E2E_UI_DATABASE_URL ?? process.env.DATABASE_URL;
export const apiDatabaseUrl = () => process.env.E2E_API_DATABASE_URL ?? process.env.DATABASE_URL;

/**
 * Moves keys' whole lifetimes `seconds` into the past in the server's database, as if that much time
 * had passed since they were made (the database keeps their "expiring" instant in step).
 */
export async function ageKeys(databaseUrl: string | undefined, ids: string[], seconds: number): Promise<void> {
  if (!databaseUrl) throw new Error("The server's database URL is not set (run through `npm test`).");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `UPDATE "ApiKey" SET "createdAt" = "createdAt" - make_interval(secs => $2), "expiresAt" = "expiresAt" - make_interval(secs => $2)
       WHERE id = ANY($1::uuid[])`,
      [ids, seconds],
    );
  } finally {
    await client.end();
  }
}
