import { startVerifyServer, type NextServer } from "../tests/load/cluster/next-server";
import { serverEnv } from "../tests/load/cluster/production-env";
import { createTestKey, type SeededKey } from "../tests/load/support/seed";
import { runLoad, type LoadRow, type LoadTarget } from "./load-run";
import { BENCH_PORTS } from "./servers";
import { ms, percentile, printTable } from "./table";
import type { Session } from "@/lib/auth/types";

// Issue #15's costs on the hot path, on standalone verify servers of the same build and database:
// - the verification log on versus off (KEYSMITH_VERIFICATION_LOG), same key, same server code;
// - usage credits on versus off: a key with credits (spent in PostgreSQL without Redis, in Redis
//   with it) against a key without.
// The machine is shared, so runs alternate (the order reversed every other round) and the table
// gives each scenario's median over BENCH_ROUNDS rounds of BENCH_ROUND_SECONDS each.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 5);
const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const PORT_LOG_ON = BENCH_PORTS.ceiling + 1;
const PORT_LOG_OFF = BENCH_PORTS.ceiling + 2;
const PORT_REDIS = BENCH_PORTS.ceiling + 3;

const body = (key: string) => JSON.stringify({ key });

interface Scenario {
  name: string;
  target: LoadTarget;
  runs: LoadRow[];
}

async function seedKeys(session: Session): Promise<{ plain: SeededKey; credits: SeededKey; creditsRedis: SeededKey }> {
  const { updateKey } = await import("@/lib/keys/edit");
  const plain = await createTestKey(session, "bench plain");
  const credits = await createTestKey(session, "bench credits (database)");
  const creditsRedis = await createTestKey(session, "bench credits (Redis)");
  // Far more than any run spends: every verification is VALID, and each one spends one credit.
  for (const key of [credits, creditsRedis]) await updateKey(session, key.id, { remaining: 1_000_000_000 });
  return { plain, credits, creditsRedis };
}

export async function measureCreditsAndLog(databaseUrl: string, session: Session): Promise<void> {
  const keys = await seedKeys(session);
  const started: NextServer[] = [];
  try {
    const base = { DATABASE_URL: databaseUrl, REDIS_URL: "" };
    const logOn = await startVerifyServer("verify log on", PORT_LOG_ON, serverEnv({ ...base, KEYSMITH_VERIFICATION_LOG: "1" }));
    started.push(logOn);
    const logOff = await startVerifyServer("verify log off", PORT_LOG_OFF, serverEnv({ ...base, KEYSMITH_VERIFICATION_LOG: "0" }));
    started.push(logOff);
    const redis = await startVerifyServer(
      "verify redis, log off",
      PORT_REDIS,
      serverEnv({ ...base, REDIS_URL, KEYSMITH_VERIFICATION_LOG: "0" }),
    );
    started.push(redis);
    const target = (server: NextServer, label: string, key: SeededKey): Scenario => ({
      name: label,
      target: { label, url: `${server.url}/api/tokens/verify`, bodies: [body(key.rawKey)], expectCode: "VALID" },
      runs: [],
    });
    const scenarios = [
      target(logOn, "log on, no credits", keys.plain),
      target(logOff, "log off, no credits", keys.plain),
      target(logOff, "log off, credits in PostgreSQL", keys.credits),
      target(redis, "log off, no credits (Redis configured)", keys.plain),
      target(redis, "log off, credits in Redis", keys.creditsRedis),
    ];
    // Warm-up: proofs cached, connections open, JIT.
    for (const scenario of scenarios) await runLoad(scenario.target, { durationSeconds: 2 });
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? scenarios : [...scenarios].reverse();
      for (const scenario of order) {
        process.stdout.write(`  round ${round + 1}/${ROUNDS}: ${scenario.name}…\n`);
        scenario.runs.push(await runLoad(scenario.target, { durationSeconds: ROUND_SECONDS }));
      }
    }
    const median = (scenario: Scenario, pick: (row: LoadRow) => number) => percentile(scenario.runs.map(pick), 50);
    const reqs = (name: string) =>
      median(
        scenarios.find((s) => s.name === name)!,
        (row) => row.requestsPerSecond,
      );
    console.log(
      `\nVerification log and usage credits (standalone verify servers, one hot key each, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s; medians)`,
    );
    printTable(
      ["scenario", "req/s", "p50", "p99", "runs (req/s)", "non-200", "wrong code"],
      scenarios.map((scenario) => [
        scenario.name,
        median(scenario, (row) => row.requestsPerSecond).toFixed(0),
        ms(median(scenario, (row) => row.p50)),
        ms(median(scenario, (row) => row.p99)),
        scenario.runs.map((row) => row.requestsPerSecond.toFixed(0)).join(" "),
        scenario.runs.reduce((sum, row) => sum + row.non200, 0),
        scenario.runs.reduce((sum, row) => sum + row.wrongCodes, 0),
      ]),
    );
    const change = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
    console.log(
      `\nLog on vs off: ${change(reqs("log on, no credits"), reqs("log off, no credits"))}; ` +
        `credits in PostgreSQL vs none: ${change(reqs("log off, credits in PostgreSQL"), reqs("log off, no credits"))}; ` +
        `credits in Redis vs none: ${change(reqs("log off, credits in Redis"), reqs("log off, no credits (Redis configured)"))}`,
    );
  } finally {
    await Promise.all(started.map((server) => server.process.stop()));
  }
}
