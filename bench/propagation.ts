import type { Session } from "@/lib/auth/types";
import { revokeKey } from "@/lib/keys/service";
import { sleep } from "../tests/load/cluster/processes";
import { verifyOverHttp } from "../tests/load/support/verify-client";
import type { SeededKey } from "../tests/load/support/seed";

const POLL_INTERVAL_MS = 10;
const GIVE_UP_MS = 10_000;

/**
 * Revokes a key that both instances hold in their caches, then polls each instance every
 * ~10 ms until it answers REVOKED. Returns, per instance, the milliseconds from the revoke's
 * commit (revokeKey resolved) to the first REVOKED answer (Infinity if it never came).
 */
export async function measureRevocationPropagation(session: Session, key: SeededKey, instances: readonly string[]): Promise<number[]> {
  for (const url of instances) {
    // Twice: the second answer comes from the cache the first one filled.
    for (let i = 0; i < 2; i++) {
      const answer = await verifyOverHttp(url, key.rawKey);
      if (answer.code !== "VALID") throw new Error(`Warming ${url} answered ${answer.status} ${answer.code}, expected VALID.`);
    }
  }
  await revokeKey(session, key.id);
  const committedAt = performance.now();
  return Promise.all(
    instances.map(async (url) => {
      while (performance.now() - committedAt < GIVE_UP_MS) {
        const answer = await verifyOverHttp(url, key.rawKey);
        if (answer.code === "REVOKED") return answer.receivedAt - committedAt;
        await sleep(POLL_INTERVAL_MS);
      }
      return Number.POSITIVE_INFINITY;
    }),
  );
}
