// `npm run bench:verify`: throughput and latency of key verification against a production
// build and real PostgreSQL, next to a bare node:http ceiling. Figures are printed, never
// asserted. BENCH_DURATION (seconds, default 10) shortens each run. See docs/benchmarks.md.
import os from "node:os";
import { generateKey } from "@/lib/keys/format";
import { ensureProductionBuild } from "../tests/load/cluster/next-server";
import { TEST_PEPPER } from "../tests/load/cluster/production-env";
import { createManyKeys, createOwnerSession, createTestKey, type SeededKey } from "../tests/load/support/seed";
import { closeAgents } from "../tests/load/support/verify-client";
import { ADMIN_URL } from "../tests/support/test-database";
import { measureColdLatency, type ColdResult } from "./cold-latency";
import { measureCreditsAndLog } from "./credits-log";
import { readDbActivity } from "./db-activity";
import { CONNECTIONS, runLoad, type LoadRow, type LoadTarget } from "./load-run";
import { measureRevocationPropagation } from "./propagation";
import { startBenchServers, type BenchServers } from "./servers";
import { ms, percentile, printTable } from "./table";
import { openBenchDatabase } from "./bench-database";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
/** BENCH_ONLY=credits-log runs only the verification log and credits section (bench/credits-log.ts). */
const ONLY = process.env.BENCH_ONLY;
const DISTINCT_KEYS = Number(process.env.BENCH_DISTINCT_KEYS ?? 10_000);
const COLD_KEYS = 200;
const PROPAGATION_ROUNDS = 10;
const SEED_CONCURRENCY = 4;

const body = (key: string) => JSON.stringify({ key });

function malformedKey(): string {
  // A well-shaped key whose checksum is wrong: the most work a malformed key can cost.
  const raw = generateKey("live").raw;
  const last = raw.at(-1) === "A" ? "B" : "A";
  return raw.slice(0, -1) + last;
}

interface Seeded {
  session: Awaited<ReturnType<typeof createOwnerSession>>;
  hot: SeededKey;
  revoked: SeededKey;
  distinct: SeededKey[];
  cold: SeededKey[];
  propagation: SeededKey[];
}

async function seed(): Promise<Seeded> {
  const { revokeKey } = await import("@/lib/keys/service");
  const session = await createOwnerSession("Bench");
  const hot = await createTestKey(session, "hot");
  const revoked = await createTestKey(session, "revoked");
  await revokeKey(session, revoked.id);
  const started = performance.now();
  const distinct = await createManyKeys(session, DISTINCT_KEYS, SEED_CONCURRENCY, (done) => console.log(`  ${done} keys…`));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Seeded ${DISTINCT_KEYS} keys through createKey in ${seconds.toFixed(1)} s (concurrency ${SEED_CONCURRENCY}, ${(DISTINCT_KEYS / seconds).toFixed(0)} keys/s)`,
  );
  const cold = await createManyKeys(session, COLD_KEYS * 4, SEED_CONCURRENCY);
  const propagation = await createManyKeys(session, PROPAGATION_ROUNDS, SEED_CONCURRENCY);
  return { session, hot, revoked, distinct, cold, propagation };
}

function verifyTargets(baseUrl: string, name: string, seeded: Seeded, malformed: string[]): Record<"a" | "b" | "c" | "d", LoadTarget> {
  const url = `${baseUrl}/api/tokens/verify`;
  return {
    a: { label: `${name} (a) hot key`, url, bodies: [body(seeded.hot.rawKey)], expectCode: "VALID" },
    b: { label: `${name} (b) ${DISTINCT_KEYS} keys`, url, bodies: seeded.distinct.map((key) => body(key.rawKey)), expectCode: "VALID" },
    c: { label: `${name} (c) malformed`, url, bodies: malformed.map(body), expectCode: "MALFORMED" },
    d: { label: `${name} (d) revoked`, url, bodies: [body(seeded.revoked.rawKey)], expectCode: "REVOKED" },
  };
}

async function measure(servers: BenchServers, seeded: Seeded, database: string): Promise<void> {
  const rows: LoadRow[] = [];
  const run = async (target: LoadTarget, options: { amount?: number } = {}) => {
    process.stdout.write(`  running ${target.label}…\n`);
    const row = await runLoad(target, { durationSeconds: DURATION, ...options });
    rows.push(row);
    return row;
  };
  const malformed = Array.from({ length: 1000 }, malformedKey);
  const targets = [
    { name: "next", ...verifyTargets(servers.nextA.url, "next", seeded, malformed) },
    ...(servers.verifyServer
      ? [{ name: "verify-server", ...verifyTargets(servers.verifyServer.url, "verify-server", seeded, malformed) }]
      : []),
  ];

  const ceiling = await run({ label: "ceiling: bare node:http", url: servers.ceiling.url });
  await run({ label: "next: trivial route /api/ping", url: `${servers.nextA.url}/api/ping` });
  for (const target of targets) {
    await run(target.a);
    // The first pass verifies every key once (Argon2 each time); the timed run then finds them cached.
    await run({ ...target.b, label: `${target.b.label}, first pass` }, { amount: DISTINCT_KEYS });
    await run(target.b);
    await run(target.d);
  }
  console.log("  waiting for PostgreSQL's statistics to settle (11 s)…");
  const before = await readDbActivity(ADMIN_URL, database);
  for (const target of targets) await run(target.c);
  console.log("  waiting for PostgreSQL's statistics to settle (11 s)…");
  const after = await readDbActivity(ADMIN_URL, database);

  console.log(`\nVerification throughput (${CONNECTIONS} connections, ${DURATION} s per run unless a fixed count; latency in ms)`);
  printTable(
    ["run", "req/s", "p50", "p99", "vs ceiling", "requests", "non-200 (status/errors/timeouts)", "wrong code"],
    rows.map((row) => [
      row.label,
      row.requestsPerSecond.toFixed(0),
      ms(row.p50),
      ms(row.p99),
      `${((row.requestsPerSecond / ceiling.requestsPerSecond) * 100).toFixed(1)}%`,
      row.total,
      row.non200Detail,
      row.wrongCodes,
    ]),
  );
  console.log(
    `\nDatabase activity during the malformed runs (c): ApiKey scans +${after.apiKeyScans - before.apiKeyScans}, ` +
      `transactions committed +${after.xactCommit - before.xactCommit}, tuples fetched +${after.tupFetched - before.tupFetched} ` +
      `(the statistics snapshot itself commits about one transaction per reading)`,
  );
}

async function measureCold(servers: BenchServers, seeded: Seeded): Promise<void> {
  const results: ColdResult[] = [];
  const chunks = [0, 1, 2, 3].map((index) => seeded.cold.slice(index * COLD_KEYS, (index + 1) * COLD_KEYS));
  results.push(await measureColdLatency("next, sequential", servers.nextA.url, chunks[0]!, 1));
  results.push(await measureColdLatency("next, concurrency 8", servers.nextA.url, chunks[1]!, 8));
  if (servers.verifyServer) {
    results.push(await measureColdLatency("verify-server, sequential", servers.verifyServer.url, chunks[2]!, 1));
    results.push(await measureColdLatency("verify-server, concurrency 8", servers.verifyServer.url, chunks[3]!, 8));
  }
  console.log(`\nCold first verification (${COLD_KEYS} keys never verified before; target p99 < 25 ms)`);
  printTable(
    ["run", "keys", "p50", "p99", "max", "not VALID"],
    results.map((r) => [r.label, r.count, ms(r.p50), ms(r.p99), ms(r.max), r.wrong]),
  );
}

async function measurePropagation(servers: BenchServers, seeded: Seeded): Promise<void> {
  const instanceA: number[] = [];
  const instanceB: number[] = [];
  for (const key of seeded.propagation) {
    const [a, b] = await measureRevocationPropagation(seeded.session, key, [servers.nextA.url, servers.nextB.url]);
    instanceA.push(a!);
    instanceB.push(b!);
  }
  console.log(
    `\nRevocation propagation (${PROPAGATION_ROUNDS} keys cached on both instances, revoked through lib/keys/service.ts; ms from commit to first REVOKED answer, polling every 10 ms; bound 1000 ms)`,
  );
  printTable(
    ["instance", "p50", "max", "all"],
    [
      ["next A", ms(percentile(instanceA, 50)), ms(Math.max(...instanceA)), instanceA.map((v) => v.toFixed(0)).join(" ")],
      ["next B", ms(percentile(instanceB, 50)), ms(Math.max(...instanceB)), instanceB.map((v) => v.toFixed(0)).join(" ")],
    ],
  );
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  console.log(`Node ${process.version}, ${os.type()} ${os.release()}`);
  console.log(`Production ${ensureProductionBuild()}`);

  const database = await openBenchDatabase("bench");
  let servers: BenchServers | undefined;
  try {
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    if (ONLY === "credits-log") {
      await measureCreditsAndLog(database.url, await createOwnerSession("Bench"));
      return;
    }
    const seeded = await seed();
    servers = await startBenchServers(database.url);
    // BENCH_ONLY=propagation (or cold, throughput, credits; comma-separated): only those parts.
    const only = process.env.BENCH_ONLY?.split(",");
    if (!only || only.includes("throughput")) await measure(servers, seeded, database.name);
    if (!only || only.includes("cold")) await measureCold(servers, seeded);
    if (!only || only.includes("propagation")) await measurePropagation(servers, seeded);
    await servers.stopAll();
    servers = undefined;
    if (!only || only.includes("credits")) await measureCreditsAndLog(database.url, seeded.session);
    console.log(
      `\nLoad average after the run: ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")} (other work shares this machine: figures are indicative)`,
    );
  } finally {
    closeAgents();
    await servers?.stopAll();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
