import { verifyTargets, type LoadCluster } from "../cluster/load-cluster";
import { sleep } from "../cluster/processes";
import { startChurn } from "../support/churn";
import { malformedKey, Tally, unknownKey, type BookKey } from "../support/key-book";
import { createManyKeys } from "../support/seed";
import { pickFrom, startVerifyWorkers, tallyInto } from "../support/verify-workers";
import type { ScenarioResult } from "../summary";

/** Mixed verification on both instances for `durationMs` while keys are created and revoked. */
export async function sustainedLoad(cluster: LoadCluster, durationMs: number): Promise<ScenarioResult> {
  const seeded = await createManyKeys(cluster.session, 200, 4);
  const issued: BookKey[] = seeded.map((key) => ({ kind: "issued", rawKey: key.rawKey, id: key.id }));
  const tally = new Tally();
  const churn = startChurn(cluster.session, issued, 2, 50);
  const workers = startVerifyWorkers({
    targets: verifyTargets(cluster),
    concurrency: 16,
    pick: () => {
      const roll = Math.random();
      if (roll < 0.15) return malformedKey();
      if (roll < 0.3) return unknownKey();
      if (roll < 0.5) {
        const revoked = issued.filter((key) => key.revokeStartedAt !== undefined);
        if (revoked.length) return pickFrom(revoked);
      }
      return pickFrom(issued);
    },
    onAnswer: tallyInto(tally),
  });
  const started = performance.now();
  await sleep(durationMs);
  await workers.stop();
  await churn.stop();
  const seconds = (performance.now() - started) / 1000;
  const counts = churn.counts();
  const violations: string[] = [];
  if (tally.wrong > 0) violations.push(`${tally.wrong} wrong answers, e.g. ${tally.examples.join("; ")}`);
  if (tally.unavailable > 0) {
    violations.push(
      `${tally.unavailable} answers were 5xx or missing with PostgreSQL and Redis up, e.g. ${tally.unavailableExamples.join("; ")}`,
    );
  }
  if (counts.errors > 0) violations.push(`${counts.errors} create/revoke calls failed`);
  return {
    scenario: `1. sustained ${Math.round(durationMs / 1000)} s, ${verifyTargets(cluster).length} servers`,
    requests: tally.requests,
    wrong: tally.wrong,
    unavailable: tally.unavailable,
    notes: [
      `${(tally.requests / seconds).toFixed(0)} verifications/s over ${seconds.toFixed(1)} s (16 client loops); answers: ${tally.codesText()}`,
      `concurrently created ${counts.created} and revoked ${counts.revoked} keys through lib/keys/service.ts`,
    ],
    violations,
  };
}
