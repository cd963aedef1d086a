import { comparableAnswer, hostileVerifyBodies } from "../../../e2e/support/hostile-verify-bodies";
import { rawPost } from "../../../e2e/support/raw-http";
import type { LoadCluster } from "../cluster/load-cluster";
import { Tally, type BookKey } from "../support/key-book";
import { createManyKeys, createTestKey } from "../support/seed";
import { pickFrom, startVerifyWorkers, tallyInto } from "../support/verify-workers";
import type { ScenarioResult } from "../summary";

const ROUNDS = 5;

/**
 * The contract test's hostile verify bodies (oversized, trailing data, wrong content types,
 * invalid UTF-8, chunked…), several rounds, to `next start` and the standalone verify server while
 * both are under verification load: every answer must be the expected status and the two servers'
 * answers identical.
 */
export async function hostileBodies(cluster: LoadCluster): Promise<ScenarioResult> {
  const violations: string[] = [];
  if (!cluster.verifyServer) {
    return {
      scenario: "6. hostile verify bodies",
      requests: 0,
      wrong: 0,
      unavailable: 0,
      notes: ["no verify server in this run"],
      violations: ["no standalone verify server to compare with"],
    };
  }
  const servers = { "next start": cluster.instances.a.url, "verify server": cluster.verifyServer.url };
  const { rawKey } = await createTestKey(cluster.session, "hostile bodies");
  const keys = (await createManyKeys(cluster.session, 10, 4)).map((k): BookKey => ({ kind: "issued", rawKey: k.rawKey, id: k.id }));
  const tally = new Tally();
  const workers = startVerifyWorkers({
    targets: Object.values(servers),
    concurrency: 4,
    pick: () => pickFrom(keys),
    onAnswer: tallyInto(tally),
  });
  let sent = 0;
  let mismatched = 0;
  const cases = Object.entries(hostileVerifyBodies(rawKey));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { request, expected }] of cases) {
      const [next, standalone] = await Promise.all(
        Object.values(servers).map(async (url) => comparableAnswer(await rawPost(`${url}/api/tokens/verify`, request))),
      );
      sent += 2;
      const wrongStatus = [next!, standalone!].some((answer) => answer.status !== expected);
      if (wrongStatus || JSON.stringify(next) !== JSON.stringify(standalone)) {
        mismatched++;
        if (violations.length < 5)
          violations.push(`${name}: expected ${expected}; next start ${JSON.stringify(next)}, verify server ${JSON.stringify(standalone)}`);
      }
    }
  }
  await workers.stop();
  if (tally.wrong > 0) violations.push(`wrong answers to the background load: ${tally.examples.join("; ")}`);
  if (tally.unavailable > 0) violations.push(`${tally.unavailable} background answers were 5xx or missing`);
  return {
    scenario: "6. hostile verify bodies, both servers",
    requests: sent + tally.requests,
    wrong: mismatched + tally.wrong,
    unavailable: tally.unavailable,
    notes: [
      `${cases.length} hostile bodies × ${ROUNDS} rounds × 2 servers = ${sent} requests; ${mismatched} answers differed between the servers or from the expected status`,
      `background load: ${tally.requests} verifications (${tally.codesText()})`,
    ],
    violations,
  };
}
