// `npm run bench:cpu`: CPU per request of the standalone verify server at saturation, next to the bare
// node:http ceiling's and the contract floor's (bench/contract-floor-server.mjs: the HTTP work any server
// answering this contract does, without verifying). Each scenario: 1 s of warm-up, then BENCH_DURATION
// seconds (default 4) of 50 connections; the server's user + system time (/proc/<pid>/stat, the primary
// and its workers) divided by the requests answered, and the kernel's part of it. Steadier than req/s on
// a shared VM (< 10 % between runs where req/s moved 30 %), so it is the measure to compare two builds by.
// BENCH_SCENARIOS (default all: hot,malformed,unknown,wrong,round-robin), BENCH_REPEAT (default 1),
// BENCH_DISTINCT_KEYS (default 10,000), BENCH_VERIFY_WORKERS (default 1). Figures, not assertions;
// docs/benchmarks.md.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateKey } from "@/lib/keys/format";
import { ROOT, startVerifyServer } from "../tests/load/cluster/next-server";
import { startProcess, waitForHttp, type Managed } from "../tests/load/cluster/processes";
import { serverEnv, TEST_PEPPER } from "../tests/load/cluster/production-env";
import { createOwnerSession, createTestKey } from "../tests/load/support/seed";
import { malformedKey, withSecret } from "../tests/support/key-variants";
import { insertFastKeys } from "./fast-keys";
import { runLoad, type LoadTarget } from "./load-run";
import { printTable } from "./table";
import { benchVerifyWorkers, warmPasses } from "./verify-workers";
import { openBenchDatabase } from "./bench-database";

const SECONDS = Number(process.env.BENCH_DURATION ?? 4);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
const DISTINCT = Number(process.env.BENCH_DISTINCT_KEYS ?? 10_000);
const WORKERS = benchVerifyWorkers("1");
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? "hot,malformed,unknown,wrong,round-robin").split(",");
const base = Number(process.env.E2E_PORT_BASE ?? 3300) + 20;
const PORTS = { verifyServer: base, ceiling: base + 1, floor: base + 2 };
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcessStat {
  command: string;
  parent: number;
  /** User + system ticks of the process itself. */
  ticks: number;
  /** Of which system (kernel) ticks. */
  systemTicks: number;
  /** User + system ticks of its children that exited and were waited for. */
  reapedTicks: number;
}

/** Every process now, from /proc/<pid>/stat ("pid (command) state ppid …"; a process gone meanwhile is left out). */
function processes(): Map<number, ProcessStat> {
  const all = new Map<number, ProcessStat>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // gone
    }
    const close = stat.lastIndexOf(") ");
    const fields = stat.slice(close + 2).split(" ");
    all.set(Number(name), {
      command: stat.slice(stat.indexOf("(") + 1, close),
      parent: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      systemTicks: Number(fields[12]),
      reapedTicks: Number(fields[13]) + Number(fields[14]),
    });
  }
  return all;
}

/** User + system ticks of `pid` and every process below it (the verify server's workers), and the system ones alone. */
function treeTicks(pid: number): { ticks: number; systemTicks: number } {
  const all = processes();
  const inTree = (candidate: number): boolean => {
    for (let at: number | undefined = candidate; at !== undefined && at > 1; at = all.get(at)?.parent) if (at === pid) return true;
    return false;
  };
  let ticks = 0;
  let systemTicks = 0;
  for (const [candidate, stat] of all) {
    if (!inTree(candidate)) continue;
    ticks += stat.ticks;
    systemTicks += stat.systemTicks;
  }
  return { ticks, systemTicks };
}

/**
 * User + system ticks of PostgreSQL (its backends write the log rows and usage counts): every live
 * postgres process, and the postmaster's reaped children (a backend that exits mid-run).
 */
function postgresTicks(): number {
  const all = processes();
  let ticks = 0;
  for (const stat of all.values()) {
    if (stat.command !== "postgres") continue;
    ticks += stat.ticks;
    if (all.get(stat.parent)?.command !== "postgres") ticks += stat.reapedTicks;
  }
  return ticks;
}

const body = (key: string) => JSON.stringify({ key });

/** The verify server's answer to the hot key, headers and bytes, for the contract floor to send (its request id aside). */
async function hotAnswer(url: string, hotBody: string): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: hotBody });
  const text = await response.text();
  if (!text.includes('"VALID"')) throw new Error(`The hot key did not verify: ${response.status} ${text}`);
  const skip = new Set(["date", "connection", "keep-alive", "transfer-encoding", "x-request-id"]);
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !skip.has(name)));
  return JSON.stringify({ headers, body: text });
}

async function measure(pid: number, target: LoadTarget): Promise<string[]> {
  await runLoad(target, { durationSeconds: 1 });
  const before = treeTicks(pid);
  const postgresBefore = postgresTicks();
  const row = await runLoad(target, { durationSeconds: SECONDS });
  const toUs = (ticks: number) => (ticks / TICKS_PER_SECOND) * 1e6;
  const after = treeTicks(pid);
  const cpuUs = toUs(after.ticks - before.ticks);
  const systemUs = toUs(after.systemTicks - before.systemTicks);
  // PostgreSQL writes a window's rows after it: its share is read once the next window's flush is due.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const postgresUs = toUs(postgresTicks() - postgresBefore);
  const requests = row.requestsPerSecond * SECONDS;
  return [
    target.label,
    row.requestsPerSecond.toFixed(0),
    (cpuUs / requests).toFixed(1),
    (systemUs / requests).toFixed(1),
    (postgresUs / requests).toFixed(1),
    String(row.wrongCodes),
    row.non200Detail,
  ];
}

async function main(): Promise<void> {
  const database = await openBenchDatabase("cpu");
  try {
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    const session = await createOwnerSession("CPU per request");
    const hot = await createTestKey(session, "hot");
    const distinct = SCENARIOS.includes("round-robin") ? await insertFastKeys(session.orgId, DISTINCT) : [];
    const env = serverEnv({ DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379" });
    const server = await startVerifyServer("verify-server", PORTS.verifyServer, { ...env, KEYSMITH_VERIFY_WORKERS: WORKERS.setting });
    const ceiling = startProcess("ceiling", process.execPath, [path.join(ROOT, "bench", "ceiling-server.mjs"), String(PORTS.ceiling)]);
    const url = `${server.url}/api/tokens/verify`;
    let floor: Managed | null = null;
    try {
      floor = startProcess(
        "contract floor",
        process.execPath,
        [path.join(ROOT, "bench", "contract-floor-server.mjs"), String(PORTS.floor)],
        {
          env: { ...process.env, KEYSMITH_FLOOR_ANSWER: await hotAnswer(url, body(hot.rawKey)) },
        },
      );
      await waitForHttp(`http://127.0.0.1:${PORTS.ceiling}`, 10_000, ceiling);
      await waitForHttp(`http://127.0.0.1:${PORTS.floor}`, 10_000, floor);
      const malformed = Array.from({ length: 1000 }, () => body(malformedKey()));
      const targets: Record<string, LoadTarget> = {
        hot: { label: "hot key", url, bodies: [body(hot.rawKey)], expectCode: "VALID" },
        malformed: { label: "malformed", url, bodies: malformed, expectCode: "MALFORMED" },
        unknown: {
          label: "unknown key id",
          url,
          bodies: Array.from({ length: 1000 }, () => body(generateKey().raw)),
          expectCode: "NOT_FOUND",
        },
        wrong: {
          label: "wrong secret",
          url,
          bodies: Array.from({ length: 1000 }, () => body(withSecret(hot.rawKey, generateKey().secret))),
          expectCode: "NOT_FOUND",
        },
        "round-robin": {
          label: `round robin (${DISTINCT} keys)`,
          url,
          bodies: distinct.map((key) => body(key.rawKey)),
          expectCode: "VALID",
        },
      };
      const passes = distinct.length === 0 ? 0 : warmPasses(WORKERS.count);
      for (let pass = 0; pass < passes; pass++) await runLoad(targets["round-robin"]!, { amount: distinct.length });
      const ceilingTarget: LoadTarget = {
        label: "ceiling: bare node:http",
        url: `http://127.0.0.1:${PORTS.ceiling}/`,
        bodies: [body(hot.rawKey)],
      };
      const floorTarget: LoadTarget = {
        label: "contract floor (bench/contract-floor-server.mjs)",
        url: `http://127.0.0.1:${PORTS.floor}/`,
        bodies: [body(hot.rawKey)],
        expectCode: "VALID",
      };
      const rows: string[][] = [];
      for (let round = 0; round < REPEAT; round++) {
        rows.push(await measure(ceiling.child.pid!, ceilingTarget));
        rows.push(await measure(floor.child.pid!, floorTarget));
        for (const scenario of SCENARIOS) {
          const target = targets[scenario];
          if (!target) throw new Error(`Unknown scenario "${scenario}" (hot, malformed, unknown, wrong, round-robin).`);
          rows.push(await measure(server.process.child.pid!, target));
        }
      }
      console.log(
        `\nCPU per request at saturation (50 connections, ${SECONDS} s; verify server KEYSMITH_VERIFY_WORKERS=${WORKERS.setting})`,
      );
      printTable(["run", "req/s", "CPU µs per request", "of which system", "PostgreSQL µs per request", "wrong code", "non-200"], rows);
    } finally {
      await Promise.all([server.process.stop(), ceiling.stop(), floor?.stop()]);
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
