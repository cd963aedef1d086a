import { restartInstance, type LoadCluster } from "../cluster/load-cluster";
import { sleep } from "../cluster/processes";
import { createKeyOverHttp, revokeKeyOverHttp } from "../support/http-api";
import { countRows, findHalfWrittenRows, readKeyStates } from "../support/integrity";
import { createManyKeys } from "../support/seed";
import { verifyOverHttp, type VerifyAnswer } from "../support/verify-client";
import { pickFrom, startVerifyWorkers } from "../support/verify-workers";
import type { ScenarioResult } from "../summary";

const BURST_MS = 6_000;
// A flush already under way when the process dies may or may not commit: allow for its duration.
const FLUSH_IN_FLIGHT_MS = 500;

/**
 * Instance B is killed with SIGKILL while it verifies a burst and creates and revokes keys
 * over HTTP. Afterwards: no half-written row, every confirmed create/revoke is in the
 * database, and the usage lost is at most what was verified within the last flush interval.
 */
export async function sigkillMidBurst(cluster: LoadCluster): Promise<ScenarioResult> {
  const target = cluster.instances.b;
  const usageKeys = await createManyKeys(cluster.session, 10, 4);
  const valid: VerifyAnswer[] = [];
  const failed: VerifyAnswer[] = [];
  let wrong = 0;
  const workers = startVerifyWorkers({
    targets: [target.url],
    // Leaves CPU for the HTTP creates and revokes that the kill should interrupt.
    concurrency: 8,
    pick: () => ({ kind: "issued", rawKey: pickFrom(usageKeys).rawKey }),
    onAnswer: (_key, answer) => {
      if (answer.status === 200 && answer.code === "VALID") valid.push(answer);
      else if (answer.status === 200) wrong++;
      else failed.push(answer);
    },
  });
  const created: { id: string; rawKey: string }[] = [];
  const revoked: string[] = [];
  let churning = true;
  const churn = Array.from({ length: 2 }, async (_, worker) => {
    for (let round = 0; churning; round++) {
      try {
        if (round % 2 === 0) {
          const result = await createKeyOverHttp(target.url, cluster.cookie, `kill ${worker}-${round}`);
          if (result.status === 201 && result.id && result.rawKey) created.push({ id: result.id, rawKey: result.rawKey });
        } else if (created.length) {
          const id = pickFrom(created).id;
          if ((await revokeKeyOverHttp(target.url, cluster.cookie, id)) === 200) revoked.push(id);
        }
      } catch {
        await sleep(20);
      }
    }
  });

  await sleep(BURST_MS);
  const killedAt = performance.now();
  target.process.signal("SIGKILL");
  await target.process.exited();
  await sleep(300);
  churning = false;
  await workers.stop();
  await Promise.all(churn);

  const states = await readKeyStates(
    cluster.postgres.url,
    usageKeys.map((key) => key.id),
  );
  const stored = [...states.values()].reduce((sum, state) => sum + state.usageCount, 0);
  const seen = valid.length;
  const lastInterval = valid.filter((answer) => answer.receivedAt > killedAt - cluster.usageFlushMs - FLUSH_IN_FLIGHT_MS).length;
  const inFlight = failed.filter((answer) => answer.sentAt < killedAt).length;
  const lost = seen - stored;

  const createdStates = await readKeyStates(
    cluster.postgres.url,
    created.map((key) => key.id),
  );
  const missingCreates = created.filter((key) => !createdStates.has(key.id)).length;
  const unrevoked = revoked.filter((id) => createdStates.get(id)?.status !== "revoked").length;
  const halfWritten = await findHalfWrittenRows(cluster.postgres.url);
  const rows = await countRows(cluster.postgres.url);

  const restartFrom = performance.now();
  const restarted = await restartInstance(cluster, "b");
  const probe = await verifyOverHttp(restarted.url, usageKeys[0]!.rawKey);
  const recoveryMs = performance.now() - restartFrom;
  const revokedSet = new Set(revoked);
  const survivors = created.filter((key) => !revokedSet.has(key.id)).slice(0, 10);
  let survivorsRefused = 0;
  for (const key of survivors) {
    const answer = await verifyOverHttp(cluster.instances.a.url, key.rawKey);
    if (answer.code !== "VALID" && createdStates.get(key.id)?.status !== "revoked") survivorsRefused++;
  }

  const violations: string[] = [];
  if (wrong > 0) violations.push(`${wrong} usage keys were refused before the kill`);
  if (halfWritten.length) violations.push(`half-written rows: ${halfWritten.slice(0, 5).join("; ")}`);
  if (missingCreates) violations.push(`${missingCreates} keys answered 201 are missing from the database`);
  if (unrevoked) violations.push(`${unrevoked} keys answered 200 to DELETE are not revoked`);
  if (lost > lastInterval + inFlight)
    violations.push(`usage lost ${lost} > ${lastInterval} verified in the last flush interval + ${inFlight} in flight`);
  if (stored > seen + inFlight) violations.push(`usage over-counted: stored ${stored} > seen ${seen} + ${inFlight} in flight`);
  if (probe.code !== "VALID") violations.push(`after the restart the instance answered ${probe.status} ${probe.code}`);
  if (survivorsRefused) violations.push(`${survivorsRefused} keys created before the kill are refused afterwards`);
  return {
    scenario: "4. SIGKILL mid-burst",
    requests: seen + wrong + failed.length,
    wrong: wrong + survivorsRefused,
    unavailable: 0,
    duringOutage: `${failed.length} (killed)`,
    recovery: `${(recoveryMs / 1000).toFixed(2)} s restart`,
    notes: [
      `usage: ${seen} VALID answers seen, ${stored} counted in the database → lost ${lost} (bound: ${lastInterval} answered in the last ${cluster.usageFlushMs} ms + ${FLUSH_IN_FLIGHT_MS} ms, plus ${inFlight} in flight)`,
      `over HTTP before the kill: ${created.length} keys created (201), ${revoked.length} revoked (200); ${missingCreates} of those missing, ${unrevoked} not revoked in the database`,
      `database after the kill: ${rows.keys} keys, ${rows.auditEvents} audit events (${rows.keyAuditEvents} about keys), ${halfWritten.length} half-written rows`,
      `recovery = from starting a new \`next start\` to its first VALID answer`,
    ],
    violations,
  };
}
