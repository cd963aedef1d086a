// `npm run bench:overshoot`: how far past its limit does a key get with two instances deciding in
// memory (lib/verify/shared-counters.ts)? Two verify servers on one database and one Redis; a key
// with a limit of L per minute is verified through both at once (autocannon, 50 connections each,
// BENCH_DURATION seconds, default 3, well inside one 60 s window) and the VALID answers are
// counted: overshoot = VALID − L. The same for the failed-attempt limit (unknown keys from one
// address, limit F per minute: answers that were not RATE_LIMITED − F). Figures, not assertions.
import { generateKey } from "@/lib/keys/format";
import { startVerifyServer, type NextServer } from "../tests/load/cluster/next-server";
import { serverEnv, TEST_PEPPER } from "../tests/load/cluster/production-env";
import { createOwnerSession, createTestKey } from "../tests/load/support/seed";
import { runLoad, type LoadTarget } from "./load-run";
import { printTable } from "./table";
import { openBenchDatabase } from "./bench-database";

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const LIMITS = [100, 1_000, 10_000];
const FAILURE_LIMIT = 100;
const base = Number(process.env.E2E_PORT_BASE ?? 3300) + 20;

/** Runs `target` against both servers at once; returns the answers carrying `code` and the total. */
async function both(servers: NextServer[], bodies: string[], code: string): Promise<{ matching: number; total: number; rps: number }> {
  const runs = await Promise.all(
    servers.map((server) => {
      const target: LoadTarget = { label: server.url, url: `${server.url}/api/tokens/verify`, bodies, expectCode: code };
      return runLoad(target, { durationSeconds: DURATION });
    }),
  );
  // runLoad counts 200 answers without the expected code: the rest carry it.
  return {
    matching: runs.reduce((sum, run) => sum + run.total - run.non200 - run.wrongCodes, 0),
    total: runs.reduce((sum, run) => sum + run.total, 0),
    rps: runs.reduce((sum, run) => sum + run.requestsPerSecond, 0),
  };
}

async function main(): Promise<void> {
  const database = await openBenchDatabase("overshoot");
  const servers: NextServer[] = [];
  try {
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    const session = await createOwnerSession("Overshoot");
    const keys = await Promise.all(LIMITS.map((limit) => createTestKey(session, `limit ${limit}`, limit)));
    const env = serverEnv({
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
      KEYSMITH_VERIFY_FAILURES_PER_MINUTE: String(FAILURE_LIMIT),
    });
    servers.push(await startVerifyServer("verify A", base, env), await startVerifyServer("verify B", base + 1, env));

    const rows: (string | number)[][] = [];
    for (const [index, limit] of LIMITS.entries()) {
      const result = await both(servers, [JSON.stringify({ key: keys[index]!.rawKey })], "VALID");
      rows.push([
        `key limit ${limit}/min`,
        result.total,
        result.rps.toFixed(0),
        result.matching,
        result.matching - limit,
        `${(((result.matching - limit) / limit) * 100).toFixed(1)} %`,
      ]);
    }
    // Unknown keys, all from 127.0.0.1: one failure bucket for the address on both instances.
    const unknown = Array.from({ length: 1000 }, () => JSON.stringify({ key: generateKey().raw }));
    const failures = await both(servers, unknown, "NOT_FOUND");
    rows.push([
      `failures limit ${FAILURE_LIMIT}/min`,
      failures.total,
      failures.rps.toFixed(0),
      failures.matching,
      failures.matching - FAILURE_LIMIT,
      `${(((failures.matching - FAILURE_LIMIT) / FAILURE_LIMIT) * 100).toFixed(1)} %`,
    ]);

    console.log(`\nTwo verify servers, one Redis, ${DURATION} s of 50 connections on each at once`);
    printTable(["limit", "requests", "req/s (both)", "admitted", "over the limit", "overshoot"], rows);
  } finally {
    await Promise.all(servers.map((server) => server.process.stop()));
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
