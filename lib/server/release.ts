import { closeDb } from "@/lib/db/client";
import { closeDefaultVerifier } from "@/lib/verify";
import { closeRedis } from "@/lib/verify/redis";

/**
 * The last step of a clean shutdown, after usage counts are written: the verifier's change
 * listener, the Redis client and the database pool. Each is kept on globalThis, so this also
 * closes the ones Next's bundled route handlers opened in the same process.
 */
export async function releaseConnections(): Promise<void> {
  await closeDefaultVerifier();
  await closeRedis();
  await closeDb();
}
