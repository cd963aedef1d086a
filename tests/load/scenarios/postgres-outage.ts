import { closeDb } from "@/lib/db/client";
import { revokeKey } from "@/lib/keys/service";
import { verifyTargets, type LoadCluster } from "../cluster/load-cluster";
import { sleep } from "../cluster/processes";
import { waitForPostgres } from "../cluster/postgres";
import { Tally, unknownKey, type BookKey } from "../support/key-book";
import { createManyKeys } from "../support/seed";
import { verifyOverHttp, type VerifyAnswer } from "../support/verify-client";
import { pickFrom, startVerifyWorkers } from "../support/verify-workers";
import type { ScenarioResult } from "../summary";

const OUTAGE_MS = 5_000;
const RECOVERY_LIMIT_MS = 10_000;

/**
 * PostgreSQL stopped (pg_ctl stop -m fast) under load and started again ~5 s later. During
 * the outage a 503 is the right answer (fail closed); a revoked key must never be accepted;
 * afterwards both instances must recover without help.
 */
export async function postgresOutage(cluster: LoadCluster): Promise<ScenarioResult> {
  const targets = verifyTargets(cluster);
  const keys = await createManyKeys(cluster.session, 60, 4);
  const hot: BookKey[] = keys.slice(0, 20).map((k) => ({ kind: "issued", rawKey: k.rawKey, id: k.id }));
  const cold: BookKey[] = keys.slice(20, 50).map((k) => ({ kind: "issued", rawKey: k.rawKey, id: k.id }));
  const revoked: BookKey[] = keys.slice(50).map((k) => ({ kind: "issued", rawKey: k.rawKey, id: k.id }));
  for (const key of revoked) {
    key.revokeStartedAt = performance.now();
    await revokeKey(cluster.session, key.id!);
    key.revokedAt = performance.now();
  }
  for (const target of targets) for (const key of hot) await verifyOverHttp(target, key.rawKey);
  // The revoke issued right after the restart must still reach every instance within the bound.
  const revokedOnRestart = hot[0]!;

  let outageFrom = Number.POSITIVE_INFINITY;
  let outageUntil = Number.POSITIVE_INFINITY;
  const outside = new Tally();
  const during = new Tally();
  const hotDuring = new Map<string, number>();
  const coldDuring = new Map<string, number>();
  let revokedAcceptedDuring = 0;
  // Answers sent after pg_ctl stop returned and received before pg_ctl start began: PostgreSQL fully down.
  let downFrom = Number.POSITIVE_INFINITY;
  let downUntil = Number.POSITIVE_INFINITY;
  const whileDown = new Map<string, number>();
  let coldIndex = 0;
  const workers = startVerifyWorkers({
    targets,
    concurrency: 8,
    pick: () => {
      const roll = Math.random();
      if (roll < 0.4) return pickFrom(hot);
      if (roll < 0.6) return pickFrom(revoked);
      if (roll < 0.7) return unknownKey();
      return cold[coldIndex++ % cold.length]!;
    },
    onAnswer: (key: BookKey, answer: VerifyAnswer) => {
      const inOutage = answer.receivedAt >= outageFrom && answer.sentAt <= outageUntil;
      const tally = inOutage ? during : outside;
      tally.add(key, answer);
      if (!inOutage) return;
      if (key.revokedAt !== undefined && answer.valid) revokedAcceptedDuring++;
      const label = answer.status === 200 ? (answer.code ?? "?") : `HTTP ${answer.status}`;
      if (answer.sentAt >= downFrom && answer.receivedAt <= downUntil) {
        const kind = hot.includes(key) ? "hot" : cold.includes(key) ? "uncached" : key.kind === "unknown" ? "unknown" : "revoked";
        whileDown.set(`${kind} ${label}`, (whileDown.get(`${kind} ${label}`) ?? 0) + 1);
      }
      const bucket = hot.includes(key) ? hotDuring : cold.includes(key) ? coldDuring : undefined;
      bucket?.set(label, (bucket.get(label) ?? 0) + 1);
    },
  });

  await sleep(3_000);
  await closeDb();
  outageFrom = performance.now();
  cluster.postgres.stop();
  const stoppedAt = performance.now();
  downFrom = stoppedAt;
  await sleep(OUTAGE_MS);
  downUntil = performance.now();
  cluster.postgres.start();
  await waitForPostgres(cluster.postgres.url, 30_000);
  const upAt = performance.now();
  revokedOnRestart.revokeStartedAt = performance.now();
  let restartRevokeError: string | undefined;
  try {
    await revokeKey(cluster.session, revokedOnRestart.id!);
    revokedOnRestart.revokedAt = performance.now();
  } catch (error) {
    restartRevokeError = error instanceof Error ? error.message : String(error);
  }
  const recoveredAt = await waitForRecovery(targets, cold, upAt);
  outageUntil = recoveredAt;
  await sleep(3_000);
  await workers.stop();
  // Past the bound, every server must refuse the key revoked while the listeners were reconnecting.
  const afterBound = await Promise.all(targets.map((target) => verifyOverHttp(target, revokedOnRestart.rawKey)));
  const stillAccepted = afterBound.filter((answer) => answer.code !== "REVOKED").length;

  const recoveryMs = recoveredAt - upAt;
  const violations: string[] = [];
  if (outside.wrong + during.wrong > 0) violations.push(`wrong answers: ${[...outside.examples, ...during.examples].join("; ")}`);
  if (revokedAcceptedDuring > 0) violations.push(`${revokedAcceptedDuring} revoked keys accepted during the outage`);
  if (outside.unavailable > 0) {
    violations.push(
      `${outside.unavailable} answers were 5xx or missing outside the outage, e.g. ${outside.unavailableExamples.join("; ")}`,
    );
  }
  const non503 = [...during.codes.entries()].filter(([code]) => code.startsWith("HTTP") && code !== "HTTP 503");
  if (non503.length) violations.push(`during the outage some answers were not 503: ${non503.map(([c, n]) => `${c} ${n}`).join(", ")}`);
  if (!Number.isFinite(recoveryMs) || recoveryMs > RECOVERY_LIMIT_MS) violations.push(`no recovery within ${RECOVERY_LIMIT_MS} ms`);
  if (stillAccepted) violations.push(`${stillAccepted} servers did not answer REVOKED for the key revoked right after the restart`);
  if (restartRevokeError) violations.push(`revoking right after the restart failed: ${restartRevokeError}`);
  const describe = (m: Map<string, number>) => [...m.entries()].map(([c, n]) => `${c} ${n}`).join(", ") || "none";
  return {
    scenario: "2. PostgreSQL stopped ~5 s",
    requests: outside.requests + during.requests,
    wrong: outside.wrong + during.wrong,
    unavailable: outside.unavailable,
    duringOutage: `${during.unavailable}/${during.requests}`,
    recovery: Number.isFinite(recoveryMs) ? `${(recoveryMs / 1000).toFixed(2)} s` : "never",
    notes: [
      `PostgreSQL down for ${((upAt - stoppedAt) / 1000).toFixed(1)} s; answers during the outage: ${during.codesText() || "none"}`,
      `answers sent and received while PostgreSQL was fully down: ${describe(whileDown)}`,
      `hot (cached) keys from stop to recovery: ${describe(hotDuring)}; other seeded keys: ${describe(coldDuring)}`,
      `recovery = from PostgreSQL accepting connections until every server answers an unknown key NOT_FOUND (a database lookup) and a seeded key VALID`,
      `a key revoked right after the restart: ${restartRevokeError ? "revoke failed" : `answers ${afterBound.map((a) => a.code ?? a.status).join(", ")} from the ${targets.length} servers ${((afterBound[0]!.sentAt - (revokedOnRestart.revokedAt ?? 0)) / 1000).toFixed(1)} s after its commit`}`,
    ],
    violations,
  };
}

/** First time, after `from`, at which every instance answers an unknown key (a database lookup) and a seeded key correctly. */
async function waitForRecovery(targets: readonly string[], cold: BookKey[], from: number): Promise<number> {
  const deadline = from + 30_000;
  const recovered = await Promise.all(
    targets.map(async (target) => {
      while (performance.now() < deadline) {
        // Fresh unknown keys force a database lookup; then a seeded key proves a VALID path too.
        const probe = await verifyOverHttp(target, unknownKey().rawKey, 2_000);
        if (probe.status === 200 && probe.code === "NOT_FOUND") {
          const valid = await verifyOverHttp(target, cold[0]!.rawKey, 2_000);
          if (valid.code === "VALID") return valid.receivedAt;
        }
        await sleep(50);
      }
      return Number.POSITIVE_INFINITY;
    }),
  );
  return Math.max(...recovered);
}
