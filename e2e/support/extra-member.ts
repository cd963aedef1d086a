import { createHash, randomBytes } from "node:crypto";
import type { SeededOrg } from "./seeded-org";
import { withSecurityDb } from "./security-db";

/** One more admin of `org`, signed in: a creator the test can later remove from the organisation. */
export async function extraAdminOf(org: SeededOrg): Promise<{ cookie: string; membershipId: string }> {
  return withSecurityDb(async (client) => {
    const tag = randomBytes(4).toString("hex");
    const user = await client.query<{ id: string }>(`INSERT INTO "User" (id, email) VALUES (gen_random_uuid(), $1) RETURNING id`, [
      `extra-admin-${tag}@example.test`,
    ]);
    const membership = await client.query<{ id: string }>(
      `INSERT INTO "Membership" (id, "orgId", "userId", role) VALUES (gen_random_uuid(), $1, $2, 'admin') RETURNING id`,
      [org.orgId, user.rows[0]!.id],
    );
    const token = randomBytes(32).toString("base64url");
    await client.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [
      createHash("sha256").update(token).digest("hex"),
      user.rows[0]!.id,
    ]);
    return { cookie: `ks_session=${token}`, membershipId: membership.rows[0]!.id };
  });
}
