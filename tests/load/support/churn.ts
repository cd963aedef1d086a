import type { Session } from "@/lib/auth/types";
import { revokeKey } from "@/lib/keys/service";
import { createTestKey } from "./seed";
import type { BookKey } from "./key-book";
import { pickFrom } from "./verify-workers";

/**
 * Creates and revokes keys through lib/keys/service.ts while verification runs: each new
 * key joins `issued` once its creation committed; each revoke records when it started and
 * when it committed, which is what the judge needs.
 */
export function startChurn(session: Session, issued: BookKey[], workers: number, pauseMs: number) {
  let running = true;
  let created = 0;
  let revoked = 0;
  let errors = 0;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let round = 0; running; round++) {
      try {
        if (round % 2 === 0) {
          const key = await createTestKey(session, `churn ${worker}-${round}`);
          issued.push({ kind: "issued", rawKey: key.rawKey, id: key.id });
          created++;
        } else {
          const candidates = issued.filter((key) => key.revokeStartedAt === undefined && key.id);
          if (candidates.length > 20) {
            const key = pickFrom(candidates);
            key.revokeStartedAt = performance.now();
            await revokeKey(session, key.id!);
            key.revokedAt = performance.now();
            revoked++;
          }
        }
      } catch {
        errors++;
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    counts: () => ({ created, revoked, errors }),
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}
