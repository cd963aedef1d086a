import { randomBytes } from "node:crypto";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/service";

// Seeding goes through the real service (lib/keys/service.ts), so keys are hashed and stored
// exactly as the dashboard would; callers point DATABASE_URL and KEYSMITH_PEPPER at the servers'.

/** A high per-key limit, so the rate limiter never decides a measurement. */
export const UNLIMITED_PER_MINUTE = 1_000_000;

export interface SeededKey {
  id: string;
  keyId: string;
  rawKey: string;
}

export async function createOwnerSession(label: string): Promise<Session> {
  const tag = randomBytes(4).toString("hex");
  const org = await db().organization.create({ data: { name: `${label} ${tag}` } });
  const user = await db().user.create({ data: { email: `owner-${tag}@${label.toLowerCase()}.test` } });
  await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "owner" } });
  return { userId: user.id, orgId: org.id, orgRole: "owner" };
}

export async function createTestKey(session: Session, name: string, rateLimitPerMinute = UNLIMITED_PER_MINUTE): Promise<SeededKey> {
  const { key, rawKey } = await createKey(session, { name, scopes: [], rateLimitPerMinute });
  return { id: key.id, keyId: keyIdOf(rawKey), rawKey };
}

/** Creates `count` keys, `concurrency` at a time (Argon2 dominates: ~5.5 ms of CPU per key). */
export async function createManyKeys(
  session: Session,
  count: number,
  concurrency: number,
  onProgress?: (done: number) => void,
): Promise<SeededKey[]> {
  const keys: SeededKey[] = new Array(count);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      keys[index] = await createTestKey(session, `bench ${index}`);
      done++;
      if (done % 1000 === 0) onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return keys;
}

/** ks_live_<keyId>_<secret>: the public key id is the third segment. */
export function keyIdOf(rawKey: string): string {
  return rawKey.split("_")[2] ?? "";
}
