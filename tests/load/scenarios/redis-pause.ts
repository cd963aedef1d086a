import { percentile } from "../../../bench/table";
import { verifyTargets, type LoadCluster } from "../cluster/load-cluster";
import { sleep } from "../cluster/processes";
import { healthOf, waitFor } from "../support/health";
import { Tally, type BookKey } from "../support/key-book";
import { createManyKeys, createTestKey } from "../support/seed";
import { verifyOverHttp, type VerifyAnswer } from "../support/verify-client";
import { pickFrom, startVerifyWorkers } from "../support/verify-workers";
import type { ScenarioResult } from "../summary";

const PAUSE_MS = 5_000;
const LOW_LIMIT = 5;
const P99_BOUND_MS = 100;
const P99_MARGIN_MS = 20;
const STALL_MS = 1_000;

/**
 * Redis hung (SIGSTOP: connections stay open, nothing answers) under load on every server. Redis
 * is an accelerator: verification must neither wait for it nor fail (p99 under 100 ms during the
 * pause), limits must hold per instance, health must say degraded, and all must recover by itself.
 */
export async function redisPause(cluster: LoadCluster): Promise<ScenarioResult> {
  const targets = verifyTargets(cluster);
  const keys = (await createManyKeys(cluster.session, 20, 4)).map((k): BookKey => ({ kind: "issued", rawKey: k.rawKey, id: k.id }));
  const tally = new Tally();
  const latencies = new Map<string, number[]>(targets.map((t) => [t, []]));
  const baseline = new Map<string, number[]>(targets.map((t) => [t, []]));
  let paused = false;
  let measuringBaseline = false;
  const workers = startVerifyWorkers({
    targets,
    concurrency: 4,
    pick: () => pickFrom(keys),
    onAnswer: (key: BookKey, answer: VerifyAnswer, target: string) => {
      tally.add(key, answer);
      if (paused) latencies.get(target)!.push(answer.receivedAt - answer.sentAt);
      else if (measuringBaseline) baseline.get(target)!.push(answer.receivedAt - answer.sentAt);
    },
  });
  await sleep(1_000);
  measuringBaseline = true;
  await sleep(PAUSE_MS);
  measuringBaseline = false;
  const pausedAt = performance.now();
  await cluster.redis.pause();
  paused = true;
  const allDegraded = await waitFor(async () => (await Promise.all(targets.map(healthOf))).every((h) => h?.status === "degraded"), 3_000);
  const limited = await limitedKeyAnswers(cluster, targets[0]!);
  await sleep(Math.max(0, PAUSE_MS - (performance.now() - pausedAt)));
  paused = false;
  cluster.redis.resume();
  const resumedAt = performance.now();
  const allOk = await waitFor(async () => (await Promise.all(targets.map(healthOf))).every((h) => h?.status === "ok"), 10_000);
  const recoveryMs = performance.now() - resumedAt;
  await workers.stop();

  const violations: string[] = [];
  if (tally.wrong > 0) violations.push(`wrong answers: ${tally.examples.join("; ")}`);
  if (tally.unavailable > 0)
    violations.push(`${tally.unavailable} answers were 5xx or missing, e.g. ${tally.unavailableExamples.join("; ")}`);
  const perTarget = targets.map((target) => {
    const values = latencies.get(target)!;
    const p99 = percentile(values, 99);
    const before = baseline.get(target)!;
    const p99Before = percentile(before, 99);
    // Under 100 ms — or, on a machine busy enough that the server's own p99 is over it without any
    // fault, no worse than before the pause: what is judged is what Redis adds, not the machine.
    if (!(p99 < P99_BOUND_MS || p99 <= p99Before + P99_MARGIN_MS)) {
      violations.push(
        `${target}: verify p99 ${p99.toFixed(1)} ms during the pause (bound ${P99_BOUND_MS} ms, or ${p99Before.toFixed(1)} ms before it + ${P99_MARGIN_MS} ms)`,
      );
    }
    if (Math.max(...values) >= STALL_MS)
      violations.push(`${target}: a verification took ${Math.max(...values).toFixed(0)} ms during the pause (a stall)`);
    return `${target}: ${values.length} answers, p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (the ${PAUSE_MS / 1000} s before the pause: p50 ${percentile(before, 50).toFixed(1)} ms, p99 ${percentile(before, 99).toFixed(1)} ms)`;
  });
  if (limited.valid !== LOW_LIMIT)
    violations.push(`a ${LOW_LIMIT}/min key got ${limited.valid} VALID of ${LOW_LIMIT * 2} on one instance during the pause`);
  if (!allDegraded) violations.push("not every server's /api/health said degraded within 3 s of the pause");
  if (!allOk) violations.push("not every server's /api/health said ok within 10 s of SIGCONT");
  return {
    scenario: "5. Redis paused (SIGSTOP) ~5 s",
    requests: tally.requests,
    wrong: tally.wrong,
    unavailable: tally.unavailable,
    recovery: allOk ? `${(recoveryMs / 1000).toFixed(2)} s` : "none",
    notes: [
      `answers: ${tally.codesText()} (4 client loops over the 3 servers); latency during the pause per server:`,
      ...perTarget.map((line) => `  ${line}`),
      `a key limited to ${LOW_LIMIT}/min, ${LOW_LIMIT * 2} requests to one server during the pause: ${limited.codes}`,
      `health: degraded on every server during the pause: ${allDegraded ? "yes" : "NO"}; recovery = from SIGCONT until every server's health says ok (breaker closed by its probe)`,
    ],
    violations,
  };
}

async function limitedKeyAnswers(cluster: LoadCluster, target: string) {
  const key = await createTestKey(cluster.session, "limited during the pause", LOW_LIMIT);
  const counts = new Map<string, number>();
  for (let i = 0; i < LOW_LIMIT * 2; i++) {
    const answer = await verifyOverHttp(target, key.rawKey);
    const code = answer.status === 200 ? (answer.code ?? "?") : `HTTP ${answer.status}`;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return { valid: counts.get("VALID") ?? 0, codes: [...counts.entries()].map(([c, n]) => `${c} ${n}`).join(", ") };
}
