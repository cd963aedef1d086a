import type { LoadCluster } from "../cluster/load-cluster";
import { sleep } from "../cluster/processes";
import { Tally, type BookKey } from "../support/key-book";
import { createManyKeys, createTestKey } from "../support/seed";
import { verifyOverHttp, type VerifyAnswer } from "../support/verify-client";
import { pickFrom, startVerifyWorkers } from "../support/verify-workers";
import type { ScenarioResult } from "../summary";
import { percentile } from "../../../bench/table";

const OUTAGE_MS = 5_000;
const LOW_LIMIT = 5;

/**
 * Redis (the shared rate-limit store) stopped under load: verifications must still be
 * answered, never 5xx, and a key's limit must still be enforced by the fallback.
 */
export async function redisOutage(cluster: LoadCluster): Promise<ScenarioResult> {
  const targets = [cluster.instances.a.url, cluster.instances.b.url];
  const keys = (await createManyKeys(cluster.session, 20, 4)).map((k): BookKey => ({ kind: "issued", rawKey: k.rawKey, id: k.id }));
  const before = await limitedKeyAnswers(cluster, targets[0]!, "before");
  const tally = new Tally();
  const latencies: number[] = [];
  let outage = false;
  const workers = startVerifyWorkers({
    targets,
    concurrency: 8,
    pick: () => pickFrom(keys),
    onAnswer: (key: BookKey, answer: VerifyAnswer) => {
      tally.add(key, answer);
      if (outage) latencies.push(answer.receivedAt - answer.sentAt);
    },
  });
  await sleep(2_000);
  await cluster.redis.stop();
  outage = true;
  const stoppedAt = performance.now();
  await sleep(1_000);
  const during = await limitedKeyAnswers(cluster, targets[0]!, "during");
  await sleep(Math.max(0, OUTAGE_MS - (performance.now() - stoppedAt)));
  await cluster.redis.start();
  outage = false;
  await sleep(2_000);
  const after = await limitedKeyAnswers(cluster, targets[0]!, "after");
  await workers.stop();

  const violations: string[] = [];
  if (tally.wrong > 0) violations.push(`wrong answers: ${tally.examples.join("; ")}`);
  if (tally.unavailable > 0)
    violations.push(`${tally.unavailable} answers were 5xx or missing, e.g. ${tally.unavailableExamples.join("; ")}`);
  for (const run of [before, during, after]) {
    if (run.unavailable > 0) violations.push(`${run.label}: ${run.unavailable} limited-key answers were 5xx or missing`);
    if (run.limited === 0) violations.push(`${run.label}: a ${LOW_LIMIT}/min key was never rate limited in ${LOW_LIMIT * 2} requests`);
  }
  return {
    scenario: "3. Redis stopped ~5 s",
    requests: tally.requests,
    wrong: tally.wrong,
    unavailable: tally.unavailable,
    recovery: "-",
    notes: [
      `answers (high-limit keys): ${tally.codesText()}; latency during the outage p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      ...[before, during, after].map(
        (run) => `a key limited to ${LOW_LIMIT}/min, ${LOW_LIMIT * 2} requests ${run.label} the outage: ${run.codes}`,
      ),
    ],
    violations,
  };
}

async function limitedKeyAnswers(cluster: LoadCluster, target: string, label: string) {
  const key = await createTestKey(cluster.session, `limited ${label}`, LOW_LIMIT);
  const counts = new Map<string, number>();
  let limited = 0;
  let unavailable = 0;
  for (let i = 0; i < LOW_LIMIT * 2; i++) {
    const answer = await verifyOverHttp(target, key.rawKey);
    const code = answer.status === 200 ? (answer.code ?? "?") : `HTTP ${answer.status}`;
    counts.set(code, (counts.get(code) ?? 0) + 1);
    if (answer.code === "RATE_LIMITED") limited++;
    if (answer.status !== 200) unavailable++;
  }
  return { label, limited, unavailable, codes: [...counts.entries()].map(([c, n]) => `${c} ${n}`).join(", ") };
}
