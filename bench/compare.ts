// `npm run bench:compare`: Keysmith's verify server, `npm start` (the app server, which answers
// verification before Next.js) and the Next.js route on a bare `next start`, next to better-auth's api-key
// plugin on bare node:http and a bare node:http ceiling, in one interleaved run: every round runs
// every scenario on every system (the systems' order rotating), so the machine's moods fall on
// all alike. Prints each system's median req/s and its ratio to the ceiling in the same round.
// The ceiling is sent each scenario's own requests (the same client work as the systems measured);
// two references beside it: "ceiling, one request" (the scenario's first body only, the client's
// cheapest load) and "Next empty route" (GET /api/ping: what `next start` answers with no code of ours).
// BENCH_DURATION (s per run, default 5), BENCH_ROUNDS (default 3), BENCH_DISTINCT_KEYS (10,000),
// BENCH_SYSTEMS (a comma-separated subset of the systems), BENCH_VERIFY_WORKERS (the verify server's
// KEYSMITH_VERIFY_WORKERS, default "auto": one process per core, as a deployment that wants its
// throughput runs it; 1 for a single process).
// Figures, not assertions; see docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateKey } from "@/lib/keys/format";
import { ensureProductionBuild, ROOT, startAppServer, startNext, startVerifyServer } from "../tests/load/cluster/next-server";
import { startProcess, waitForHttp, type Managed } from "../tests/load/cluster/processes";
import { serverEnv, TEST_PEPPER } from "../tests/load/cluster/production-env";
import { createManyKeys, createOwnerSession, createTestKey } from "../tests/load/support/seed";
import { closeAgents } from "../tests/load/support/verify-client";
import { malformedKey, withSecret } from "../tests/support/key-variants";
import { createTestDatabase, dropTestDatabase } from "../tests/support/test-database";
import { measureColdLatency } from "./cold-latency";
import { insertFastKeys } from "./fast-keys";
import { runLoad, type LoadTarget } from "./load-run";
import { ms, printTable } from "./table";
import { benchVerifyWorkers, warmPasses } from "./verify-workers";
import { openBenchDatabase } from "./bench-database";
import { againstTarget, median, ratioPerRound, VERIFY_SERVER_TARGETS } from "./compare-targets";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DISTINCT = Number(process.env.BENCH_DISTINCT_KEYS ?? 10_000);
const COLD_KEYS = 100;
const VERIFY_WORKERS = benchVerifyWorkers("auto");
const base = Number(process.env.E2E_PORT_BASE ?? 3300) + 10;
const PORTS = { ceiling: base, verifyServer: base + 1, next: base + 2, betterAuth: base + 3, app: base + 4 };
const COMPARE_DIR = path.join(ROOT, "bench", "compare");

type System = "ceiling" | "ceiling, one request" | "verify server" | "npm start" | "Next route" | "Next empty route" | "better-auth";
type Scenario = "hot key" | "round robin" | "malformed" | "unknown key id" | "wrong secret";
const ALL_SYSTEMS: System[] = [
  "ceiling",
  "ceiling, one request",
  "verify server",
  "npm start",
  "Next route",
  "Next empty route",
  "better-auth",
];
const CEILINGS: System[] = ["ceiling", "ceiling, one request"];
// BENCH_SYSTEMS="verify server,npm start": a subset (the ceilings always run), e.g. for 100,000 keys.
const SYSTEMS: System[] = process.env.BENCH_SYSTEMS
  ? ALL_SYSTEMS.filter((system) => CEILINGS.includes(system) || process.env.BENCH_SYSTEMS!.split(",").includes(system))
  : ALL_SYSTEMS;
const KEYSMITH_SYSTEMS = SYSTEMS.filter((system): system is "verify server" | "npm start" | "Next route" =>
  ["verify server", "npm start", "Next route"].includes(system),
);
const SCENARIOS: Scenario[] = ["hot key", "round robin", "malformed", "unknown key id", "wrong secret"];

const body = (key: string) => JSON.stringify({ key });

function ensurePeersInstalled(): void {
  if (existsSync(path.join(COMPARE_DIR, "node_modules", "@better-auth", "api-key"))) return;
  console.log("Installing the peers (bench/compare: npm ci)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: COMPARE_DIR, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm ci in bench/compare failed.");
}

function runNode(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, args, { cwd: COMPARE_DIR, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed.`);
}

interface Bodies {
  keysmith: Record<Scenario, string[]>;
  betterAuth: Record<Scenario, string[]>;
}

/**
 * The ceiling answers the scenario's own requests (its client builds each varied request as it does for
 * the others: autocannon's setupRequest costs the bench process ~15 µs a request, which caps every server
 * in a 2-core run); "ceiling, one request" sends the scenario's first body only, for reference.
 */
function targets(system: System, scenario: Scenario, urls: Record<System, string>, bodies: Bodies): LoadTarget {
  if (system === "ceiling") return { label: `${system} ${scenario}`, url: urls.ceiling, bodies: bodies.keysmith[scenario] };
  if (system === "ceiling, one request")
    return { label: `${system} ${scenario}`, url: urls.ceiling, bodies: bodies.keysmith[scenario].slice(0, 1) };
  // Next.js's cheapest route (GET /api/ping, no body): what `next start` answers before any verification code.
  if (system === "Next empty route") return { label: `${system} ${scenario}`, url: `${urls[system]}/api/ping` };
  const keysmith = system !== "better-auth";
  const expected: Record<Scenario, string> = keysmith
    ? { "hot key": "VALID", "round robin": "VALID", malformed: "MALFORMED", "unknown key id": "NOT_FOUND", "wrong secret": "NOT_FOUND" }
    : { "hot key": "VALID", "round robin": "VALID", malformed: "INVALID", "unknown key id": "INVALID", "wrong secret": "INVALID" };
  return {
    label: `${system} ${scenario}`,
    url: keysmith ? `${urls[system]}/api/tokens/verify` : urls[system],
    bodies: (keysmith ? bodies.keysmith : bodies.betterAuth)[scenario],
    expectCode: expected[scenario],
  };
}

/** Issue 16's targets, round by round: the verify server against the ceiling, the Next route against better-auth. */
function printTargets(scenarios: Scenario[], ratios: (system: System, scenario: Scenario) => number[] | null): void {
  const rows = scenarios.map((scenario) => {
    const verify = ratios("verify server", scenario);
    const next = ratios("Next route", scenario);
    const peer = ratios("better-auth", scenario);
    return [
      scenario,
      verify ? againstTarget({ perRound: verify, target: VERIFY_SERVER_TARGETS[scenario] }) : "not run",
      next && peer ? againstTarget({ perRound: ratioPerRound(next, peer), target: 1 }, 2) : "not run",
    ];
  });
  console.log(`\nAgainst issue 16's targets, every round: median (lowest–highest), rounds that met the target`);
  printTable(["scenario", "verify server / ceiling", "Next route / better-auth"], rows);
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}; Node ${process.version}`,
  );
  console.log(`Production ${ensureProductionBuild()}`);
  ensurePeersInstalled();

  const keysmithDb = await openBenchDatabase("compare");
  const peerDb = await createTestDatabase("compare_ba");
  const started: Managed[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), "keysmith-compare-"));
  try {
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    const session = await createOwnerSession("Compare");
    const hot = await createTestKey(session, "hot");
    const cold = await createManyKeys(session, COLD_KEYS * 3, 4);
    const distinct = await insertFastKeys(session.orgId, DISTINCT);
    console.log(`Keysmith: 1 hot key and ${cold.length} cold keys through createKey, ${DISTINCT} keys through bench/fast-keys.ts`);

    const peerEnv = { ...process.env, DATABASE_URL: peerDb.url };
    const withPeer = SYSTEMS.includes("better-auth");
    if (withPeer) runNode(["better-auth-server.mjs", "seed", String(DISTINCT + 1 + COLD_KEYS), path.join(tmp, "keys.json")], peerEnv);
    // Without the peer, stand-ins of its keys' length keep the bodies' shapes (they are not sent).
    const peerKeys = withPeer ? (JSON.parse(readFileSync(path.join(tmp, "keys.json"), "utf8")) as string[]) : ["x".repeat(64)];
    if (withPeer) console.log(`better-auth: ${peerKeys.length} keys through auth.api.createApiKey`);

    const malformed = Array.from({ length: 1000 }, () => malformedKey());
    const randomPeerKey = () => generateKey().secret.slice(0, peerKeys[0]!.length).padEnd(peerKeys[0]!.length, "x");
    const bodies: Bodies = {
      keysmith: {
        "hot key": [body(hot.rawKey)],
        "round robin": distinct.map((key) => body(key.rawKey)),
        malformed: malformed.map(body),
        "unknown key id": Array.from({ length: 1000 }, () => body(generateKey().raw)),
        "wrong secret": Array.from({ length: 1000 }, () => body(withSecret(hot.rawKey, generateKey().secret))),
      },
      betterAuth: {
        "hot key": [body(peerKeys[0]!)],
        "round robin": peerKeys.slice(1, DISTINCT + 1).map(body),
        // better-auth keys carry no checksum: a malformed key is one of another length.
        malformed: Array.from({ length: 1000 }, () => body(randomPeerKey().slice(0, 20))),
        "unknown key id": Array.from({ length: 1000 }, () => body(randomPeerKey())),
        // Its keys have no public id: a wrong secret is just another unknown key.
        "wrong secret": Array.from({ length: 1000 }, () => body(randomPeerKey())),
      },
    };

    const env = serverEnv({ DATABASE_URL: keysmithDb.url, REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379" });
    const ceiling = startProcess("ceiling", process.execPath, [path.join(ROOT, "bench", "ceiling-server.mjs"), String(PORTS.ceiling)]);
    started.push(ceiling);
    const urls: Record<System, string> = {
      ceiling: `http://127.0.0.1:${PORTS.ceiling}`,
      "ceiling, one request": `http://127.0.0.1:${PORTS.ceiling}`,
      "verify server": `http://127.0.0.1:${PORTS.verifyServer}`,
      "npm start": `http://127.0.0.1:${PORTS.app}`,
      "Next route": `http://127.0.0.1:${PORTS.next}`,
      "Next empty route": `http://127.0.0.1:${PORTS.next}`,
      "better-auth": `http://127.0.0.1:${PORTS.betterAuth}`,
    };
    if (withPeer) {
      const peer = startProcess("better-auth", process.execPath, ["better-auth-server.mjs", "serve", String(PORTS.betterAuth)], {
        cwd: COMPARE_DIR,
        env: peerEnv,
      });
      started.push(peer);
      await waitForHttp(urls["better-auth"], 30_000, peer).catch(() => {});
    }
    if (SYSTEMS.includes("verify server")) {
      const verifyEnv = { ...env, KEYSMITH_VERIFY_WORKERS: VERIFY_WORKERS.setting };
      started.push((await startVerifyServer("verify-server", PORTS.verifyServer, verifyEnv)).process);
      console.log(
        `Verify server: KEYSMITH_VERIFY_WORKERS=${VERIFY_WORKERS.setting} (${VERIFY_WORKERS.count} process${VERIFY_WORKERS.count === 1 ? "" : "es"})`,
      );
    }
    if (SYSTEMS.includes("npm start")) started.push((await startAppServer("npm start", PORTS.app, env)).process);
    if (SYSTEMS.includes("Next route") || SYSTEMS.includes("Next empty route"))
      started.push((await startNext("next", PORTS.next, env)).process);
    await waitForHttp(urls.ceiling, 10_000, ceiling);

    // Cold first verification: keys never verified before, one at a time.
    const coldRows = [];
    for (const [index, system] of KEYSMITH_SYSTEMS.entries()) {
      coldRows.push(await measureColdLatency(system, urls[system], cold.slice(index * COLD_KEYS, (index + 1) * COLD_KEYS), 1));
    }
    if (withPeer) {
      const peerKeysNeverUsed = peerKeys.slice(DISTINCT + 1).map((rawKey) => ({ id: "", keyId: "", rawKey }));
      coldRows.push(await measureColdLatency("better-auth", `${urls["better-auth"]}/api/tokens/verify`, peerKeysNeverUsed, 1));
    }

    // Passes over the round-robin keys first: Keysmith proves each key once (then the proof is
    // cached), each of the verify server's workers once.
    for (const system of KEYSMITH_SYSTEMS) {
      const passes = warmPasses(system === "verify server" ? VERIFY_WORKERS.count : 1);
      for (let pass = 1; pass <= passes; pass++) {
        const run = await runLoad(
          { ...targets(system, "round robin", urls, bodies), label: `${system} pass ${pass}` },
          { amount: DISTINCT },
        );
        console.log(
          `  ${system}: pass ${pass} over ${DISTINCT} keys at ${run.requestsPerSecond.toFixed(0)} req/s (wrong codes ${run.wrongCodes}, non-200 ${run.non200Detail})`,
        );
      }
    }

    const results = new Map<string, { rps: number[]; ratio: number[]; wrong: number; non200: number }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of SCENARIOS) {
        const order = SYSTEMS.map((_, i) => SYSTEMS[(i + round) % SYSTEMS.length]!);
        const rps = new Map<System, number>();
        for (const system of order) {
          process.stdout.write(`  round ${round + 1}: ${system}, ${scenario}…\n`);
          const row = await runLoad(targets(system, scenario, urls, bodies), { durationSeconds: DURATION });
          rps.set(system, row.requestsPerSecond);
          const entry = results.get(`${system}|${scenario}`) ?? { rps: [], ratio: [], wrong: 0, non200: 0 };
          entry.wrong += row.wrongCodes;
          entry.non200 += row.non200;
          results.set(`${system}|${scenario}`, entry);
        }
        for (const system of SYSTEMS) {
          const entry = results.get(`${system}|${scenario}`)!;
          entry.rps.push(rps.get(system)!);
          entry.ratio.push(rps.get(system)! / rps.get("ceiling")!);
        }
      }
    }

    console.log(
      `\nThroughput, median of ${ROUNDS} interleaved rounds (50 connections, ${DURATION} s per run): req/s (ratio to the bare node:http ceiling in the same round)`,
    );
    printTable(
      ["scenario", ...SYSTEMS, ...(withPeer ? KEYSMITH_SYSTEMS.map((system) => `${system} / better-auth`) : [])],
      SCENARIOS.map((scenario) => {
        const get = (system: System) => results.get(`${system}|${scenario}`)!;
        const cell = (system: System) => `${median(get(system).rps).toFixed(0)} (${median(get(system).ratio).toFixed(3)})`;
        const versus = (system: System) => `${(median(get(system).ratio) / median(get("better-auth").ratio)).toFixed(2)}×`;
        return [scenario, ...SYSTEMS.map(cell), ...(withPeer ? KEYSMITH_SYSTEMS.map(versus) : [])];
      }),
    );
    printTargets(SCENARIOS, (system, scenario) => results.get(`${system}|${scenario}`)?.ratio ?? null);
    const problems = [...results].filter(([, entry]) => entry.wrong > 0 || entry.non200 > 0);
    console.log(
      problems.length === 0
        ? "Every answer was HTTP 200 with the expected code."
        : `Wrong answers: ${problems.map(([label, e]) => `${label}: ${e.wrong} wrong codes, ${e.non200} non-200`).join("; ")}`,
    );

    console.log(`\nCold first verification (${COLD_KEYS} keys never verified before, one at a time; ms)`);
    printTable(
      ["system", "p50", "p99", "max", "not VALID"],
      coldRows.map((r) => [r.label, ms(r.p50), ms(r.p99), ms(r.max), r.wrong]),
    );
    console.log(
      `\nLoad average after the run: ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    closeAgents();
    await Promise.all(started.map((managed) => managed.stop()));
    await keysmithDb.drop();
    await dropTestDatabase(peerDb.name);
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
