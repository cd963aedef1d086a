// `npm run test:load`: load and fault tests on loopback, against a cluster of our own — a
// throwaway PostgreSQL and redis-server, two `next start` instances of the production build —
// so the faults disturb nothing else on the machine. Exits non-zero if an invariant breaks.
// LOAD_DURATION (seconds, default 60) sets the sustained scenario, USAGE_RACE_DURATION (seconds,
// default 30) the usage flush race, LOAD_ONLY a subset of the scenarios. See docs/load-tests.md.
import path from "node:path";
import { closeDb, db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import type { LoadCluster } from "./cluster/load-cluster";
import { ensureProductionBuild, ROOT, startNext, startVerifyServer, type NextServer } from "./cluster/next-server";
import { freePort } from "./cluster/ports";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./cluster/postgres";
import { serverEnv, TEST_PEPPER } from "./cluster/production-env";
import { startThrowawayRedis, type ThrowawayRedis } from "./cluster/redis";
import { clockSkew } from "./scenarios/clock-skew";
import { embeddedTwoServers } from "./scenarios/embedded-two-servers";
import { hostileBodies } from "./scenarios/hostile-bodies";
import { postgresOutage } from "./scenarios/postgres-outage";
import { redisOutage } from "./scenarios/redis-outage";
import { redisPause } from "./scenarios/redis-pause";
import { sigkillMidBurst } from "./scenarios/sigkill";
import { sustainedLoad } from "./scenarios/sustained";
import { usageFlushRace } from "./scenarios/usage-flush-race";
import { signUpOwner } from "./support/http-api";
import { closeAgents } from "./support/verify-client";
import { printSummary, type ScenarioResult } from "./summary";

const DURATION_MS = Number(process.env.LOAD_DURATION ?? 60) * 1000;
const USAGE_RACE_MS = Number(process.env.USAGE_RACE_DURATION ?? 30) * 1000;
const USAGE_FLUSH_MS = 1_000;
// E2E_PORT_BASE + 10..49 for the app, + 50..99 for PostgreSQL and Redis.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3300);

async function main(): Promise<number> {
  console.log(`Production ${ensureProductionBuild()}`);
  let postgres: ThrowawayPostgres | undefined;
  let redis: ThrowawayRedis | undefined;
  const servers: NextServer[] = [];
  let cluster: LoadCluster | undefined;
  try {
    const pgPort = await freePort(PORT_BASE + 50, PORT_BASE + 99);
    postgres = await startThrowawayPostgres(pgPort);
    await applyMigrations(postgres.url, path.join(ROOT, "prisma", "migrations"));
    redis = await startThrowawayRedis(await freePort(PORT_BASE + 50, PORT_BASE + 99, new Set([pgPort])));
    const appPortA = await freePort(PORT_BASE + 10, PORT_BASE + 49);
    const appPortB = await freePort(PORT_BASE + 10, PORT_BASE + 49, new Set([appPortA]));
    const env = serverEnv({ DATABASE_URL: postgres.url, REDIS_URL: redis.url, KEYSMITH_USAGE_FLUSH_MS: String(USAGE_FLUSH_MS) });
    servers.push(await startNext("next A", appPortA, env));
    servers.push(await startNext("next B", appPortB, env));
    let verifyServer: NextServer | null = null;
    try {
      verifyServer = await startVerifyServer(
        "verify-server",
        await freePort(PORT_BASE + 10, PORT_BASE + 49, new Set([appPortA, appPortB])),
        env,
      );
      servers.push(verifyServer);
    } catch (error) {
      console.log(`No standalone verify server in this run: ${error instanceof Error ? error.message : error}`);
    }
    console.log(
      `Cluster: PostgreSQL :${postgres.port}, Redis :${redis.port}, next start :${appPortA} and :${appPortB}` +
        (verifyServer ? `, verify-server :${verifyServer.port}` : ""),
    );

    process.env.DATABASE_URL = postgres.url;
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    // The first local sign-up owns the default organisation; the lib session acts as the same owner.
    const cookie = await signUpOwner(servers[0]!.url);
    const membership = await db().membership.findFirstOrThrow({ where: { role: "owner" } });
    cluster = {
      postgres,
      redis,
      instances: { a: servers[0]!, b: servers[1]! },
      verifyServer,
      serverEnv: env,
      session: { userId: membership.userId, orgId: membership.orgId, orgRole: "owner" },
      cookie,
      usageFlushMs: USAGE_FLUSH_MS,
    };

    // Ports for the servers a scenario starts itself (embedded, skewed clocks).
    const extraPorts: [number, number] = [PORT_BASE + 10, PORT_BASE + 49];
    const results: ScenarioResult[] = [];
    const scenarios: [string, (c: LoadCluster) => Promise<ScenarioResult>][] = [
      ["sustained load", (c) => sustainedLoad(c, DURATION_MS)],
      ["PostgreSQL outage", postgresOutage],
      ["Redis outage", redisOutage],
      ["SIGKILL mid-burst", sigkillMidBurst],
      ["Redis paused (SIGSTOP)", redisPause],
      ["hostile verify bodies on both servers", hostileBodies],
      ["usage flush race", (c) => usageFlushRace(c, USAGE_RACE_MS)],
      ["two servers on one embedded directory", () => embeddedTwoServers(extraPorts)],
      ["instance clocks skewed", (c) => clockSkew(c, extraPorts)],
    ];
    // LOAD_ONLY=redis,clock runs only the scenarios whose names contain one of the words.
    const only = process.env.LOAD_ONLY?.split(",")
      .map((word) => word.trim().toLowerCase())
      .filter(Boolean);
    for (const [name, run] of scenarios.filter(([name]) => !only?.length || only.some((word) => name.toLowerCase().includes(word)))) {
      console.log(`▶ ${name}…`);
      const started = Date.now();
      try {
        results.push(await run(cluster));
      } catch (error) {
        results.push({
          scenario: name,
          requests: 0,
          wrong: 0,
          unavailable: 0,
          notes: [],
          violations: [`crashed: ${error instanceof Error ? (error.stack ?? error.message) : error}`],
        });
      }
      console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    printSummary(results);
    const failed = results.filter((result) => result.violations.length > 0).length;
    console.log(failed ? `\n${failed} scenario(s) broke an invariant.` : "\nAll invariants held.");
    return failed ? 1 : 0;
  } finally {
    closeAgents();
    await closeDb().catch(() => {});
    const running = cluster ? [...Object.values(cluster.instances), ...(cluster.verifyServer ? [cluster.verifyServer] : [])] : servers;
    await Promise.all(running.map((server) => server.process.stop()));
    await redis?.stop();
    postgres?.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
