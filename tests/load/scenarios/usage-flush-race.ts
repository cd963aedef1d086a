import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { usageWriter } from "@/lib/usage/write-usage";
import { runFlushRace } from "../../support/flush-race";
import type { LoadCluster } from "../cluster/load-cluster";
import { createManyKeys } from "../support/seed";
import type { ScenarioResult } from "../summary";

// Deadlocks are looked for after deadlock_timeout (1 s by default): 10 ms finds every one. Hash
// and merge joins off give the plan a large ApiKey table gets (rows met in the batch's order).
const SESSION_OPTIONS = "-c deadlock_timeout=10ms -c enable_hashjoin=off -c enable_mergejoin=off";

function instanceClient(url: string): { client: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 2, options: SESSION_OPTIONS });
  return { client: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}

/**
 * Two usage flushers — two instances' pools — writing batches over the same 40 keys in opposite and
 * shuffled orders for `durationMs`: no deadlock, and totals and day counts exactly the sum of
 * every successful flush.
 */
export async function usageFlushRace(cluster: LoadCluster, durationMs: number): Promise<ScenarioResult> {
  const keys = await createManyKeys(cluster.session, 40, 4);
  const ids = keys.map((k) => k.id);
  const before = new Map(
    (await db().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, usageCount: true } })).map((k) => [
      k.id,
      Number(k.usageCount),
    ]),
  );
  const instances = [instanceClient(cluster.postgres.url), instanceClient(cluster.postgres.url)];
  try {
    const race = await runFlushRace(
      instances.map((instance) => usageWriter(() => instance.client)),
      ids,
      durationMs,
    );
    const after = await db().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, usageCount: true } });
    const off = after.filter((k) => Number(k.usageCount) - (before.get(k.id) ?? 0) !== (race.expected.get(k.id) ?? 0));
    const violations: string[] = [];
    if (race.deadlocks > 0) violations.push(`${race.deadlocks} deadlocks`);
    if (off.length > 0) violations.push(`${off.length} keys' totals differ from the sum of the successful flushes`);
    const counted = [...race.expected.values()].reduce((sum, n) => sum + n, 0);
    return {
      scenario: `7. usage flush race ${Math.round(durationMs / 1000)} s`,
      requests: race.flushes,
      wrong: off.length,
      unavailable: 0,
      notes: [
        `two flushers, 40 overlapping keys in opposite/shuffled orders: ${race.flushes} flushes, ${race.deadlocks} deadlocks, ${counted} verifications credited, ${off.length} totals off`,
      ],
      violations,
    };
  } finally {
    for (const instance of instances) {
      await instance.client.$disconnect();
      await instance.pool.end();
    }
  }
}
