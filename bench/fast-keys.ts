import { hash } from "@node-rs/argon2";
import { db } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/format";
import { pepperedDigest } from "@/lib/keys/hash";
import { secretTag } from "@/lib/keys/secret-tag";
import { UNLIMITED_PER_MINUTE } from "../tests/load/support/seed";

// Many keys fast, for benchmarks of warm verification (100,000 keys through createKey would be
// ~10 minutes of Argon2 at the OWASP parameters). Stored exactly as createKey stores them (peppered
// Argon2id PHC string and secret tag) except for Argon2's cost, which the PHC string carries: 64 KiB,
// one pass. So a first verification of these keys is cheaper than a real one; once proven, a key
// costs the same whatever its hash's parameters. Cold first verification is measured on real keys.
const CHEAP_ARGON2 = { memoryCost: 64, timeCost: 1, parallelism: 1, outputLen: 32, algorithm: 2 } as const;
const BATCH = 1_000;

export interface FastKey {
  keyId: string;
  rawKey: string;
}

export async function insertFastKeys(orgId: string, count: number, onProgress?: (done: number) => void): Promise<FastKey[]> {
  const keys: FastKey[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(BATCH, count - start) }, async () => {
        const key = generateKey("live", "sk");
        return { key, hash: await hash(pepperedDigest(key.secret), CHEAP_ARGON2), tag: secretTag(key.secret) };
      }),
    );
    await db().$executeRawUnsafe(
      `INSERT INTO "ApiKey" (id, "orgId", name, "keyId", prefix, hash, "secretTag", environment, type, status, "createdBy", "rateLimitPerMinute")
       SELECT gen_random_uuid(), $1::uuid, 'fast ' || k."keyId", k."keyId", k.prefix, k.hash, k.tag, 'live', 'sk', 'active', 'bench', $5::int
       FROM unnest($2::text[], $3::text[], $4::text[], $6::text[]) AS k("keyId", prefix, hash, tag)`,
      orgId,
      batch.map((b) => b.key.keyId),
      batch.map((b) => b.key.displayPrefix),
      batch.map((b) => b.hash),
      UNLIMITED_PER_MINUTE,
      batch.map((b) => b.tag),
    );
    keys.push(...batch.map((b) => ({ keyId: b.key.keyId, rawKey: b.key.raw })));
    onProgress?.(keys.length);
  }
  await db().$executeRawUnsafe(`ANALYZE "ApiKey"`);
  return keys;
}
