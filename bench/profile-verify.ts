// `npm run bench:profile`: where the standalone verify server spends its CPU on a hot key. Starts
// `scripts/verify-server.ts` under `node --cpu-prof` on a throwaway database, loads it with
// autocannon (50 connections, BENCH_DURATION seconds, default 10), stops it with SIGTERM (the
// profile is written at exit) and prints the top frames by self time. Figures, not assertions.
// BENCH_SERVER=app profiles Keysmith's app server (scripts/start.ts: it answers verification before
// Next.js) instead, BENCH_SERVER=next a bare `next start` of the production build (its verify route,
// pages/api/tokens/verify.ts); BENCH_SCENARIO=malformed sends keys with a wrong checksum instead of a hot key,
// BENCH_SCENARIO=round-robin cycles through BENCH_DISTINCT_KEYS keys (default 10,000; proven in one pass first).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NEXT_BIN, ROOT } from "../tests/load/cluster/next-server";
import { startProcess, waitForHttp } from "../tests/load/cluster/processes";
import { serverEnv, TEST_PEPPER } from "../tests/load/cluster/production-env";
import { createOwnerSession, createTestKey } from "../tests/load/support/seed";
import { insertFastKeys } from "./fast-keys";
import { runLoad } from "./load-run";
import { printTable } from "./table";
import { openBenchDatabase } from "./bench-database";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const PORT = Number(process.env.E2E_PORT_BASE ?? 3300) + 7;
const TOP = Number(process.env.BENCH_TOP ?? 20);
const SERVER = process.env.BENCH_SERVER === "app" || process.env.BENCH_SERVER === "next" ? process.env.BENCH_SERVER : "verify";
const SERVER_NAMES = { verify: "verify server", app: "app server", next: "next start" } as const;
/** How each server is started (after node's own flags). */
const SERVER_ARGS = {
  verify: ["--import", "tsx", path.join(ROOT, "scripts/verify-server.ts")],
  app: ["--import", "tsx", path.join(ROOT, "scripts/start.ts")],
  next: [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(PORT)],
} as const;
const SCENARIOS = ["hot key", "malformed", "round-robin"] as const;
const SCENARIO = SCENARIOS.find((name) => name === process.env.BENCH_SCENARIO) ?? "hot key";
const DISTINCT = Number(process.env.BENCH_DISTINCT_KEYS ?? 10_000);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url
    .replace(/^file:\/\//, "")
    .replace(ROOT + "/", "")
    .replace(/^.*node_modules\//, "~/");
  // tsx's transpiled line numbers are not the source's: name the file only for our own code.
  const where = file.startsWith("node:") || file.startsWith("~/") ? `${file}:${lineNumber + 1}` : file;
  return `${functionName || "(anonymous)"} ${where}`.trim();
}

/**
 * Self time per frame within [fromUs, toUs] (µs since the profile's start), as a share of the busy
 * time there (everything but "(idle)"); idle's own share of the window comes back apart.
 */
export function topFrames(
  profile: CpuProfile,
  fromUs: number,
  toUs: number,
  top: number,
): { frames: { name: string; share: number }[]; idle: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let at = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    const name = frameName(byId.get(id)!);
    self.set(name, (self.get(name) ?? 0) + delta);
  });
  const idle = self.get("(idle)") ?? 0;
  self.delete("(idle)");
  const busy = [...self.values()].reduce((sum, value) => sum + value, 0);
  const frames = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => ({ name, share: time / busy }));
  return { frames, idle: idle / (busy + idle) };
}

async function main(): Promise<void> {
  const database = await openBenchDatabase("profile");
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "keysmith-profile-"));
  try {
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    const session = await createOwnerSession("Profile");
    const hot = await createTestKey(session, "hot");
    const distinct = SCENARIO === "round-robin" ? await insertFastKeys(session.orgId, DISTINCT) : [];
    const server = startProcess(
      SERVER_NAMES[SERVER],
      process.execPath,
      ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...SERVER_ARGS[SERVER]],
      {
        cwd: ROOT,
        env: { ...serverEnv({ DATABASE_URL: database.url }), PORT: String(PORT), HOSTNAME: "127.0.0.1" },
      },
    );
    const url = `http://127.0.0.1:${PORT}`;
    await waitForHttp(`${url}/api/health`, 60_000, server);
    const malformed = hot.rawKey.slice(0, -1) + (hot.rawKey.at(-1) === "A" ? "B" : "A");
    const keys = { "hot key": [hot.rawKey], malformed: [malformed], "round-robin": distinct.map((key) => key.rawKey) }[SCENARIO];
    const target = {
      label: SCENARIO,
      url: `${url}/api/tokens/verify`,
      bodies: keys.map((key) => JSON.stringify({ key })),
      expectCode: SCENARIO === "malformed" ? "MALFORMED" : "VALID",
    };
    if (distinct.length > 0) await runLoad(target, { amount: distinct.length }); // every key proven once
    await runLoad(target, { durationSeconds: 2 }); // warm-up: proof cached, JIT settled
    const row = await runLoad(target, { durationSeconds: DURATION });
    const loadEnded = performance.now();
    await server.stop();
    const stopMs = performance.now() - loadEnded;
    // The main thread's profile (a worker thread's has a thread id other than 0 in its name).
    const file = readdirSync(profileDir).find((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name));
    if (!file) throw new Error(`The ${SERVER_NAMES[SERVER]} wrote no CPU profile (did it exit cleanly on SIGTERM?).`);
    const profile = JSON.parse(readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile;
    console.log(
      `\n${SERVER_NAMES[SERVER]}, ${SCENARIO} under load: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-200 ${row.non200Detail}, wrong code ${row.wrongCodes}`,
    );
    // The measured run only: it ended stopMs before the profile did (an upper bound: the exit is shorter).
    const totalUs = profile.endTime - profile.startTime;
    const toUs = totalUs - stopMs * 1000;
    const { frames, idle } = topFrames(profile, toUs - DURATION * 1_000_000, toUs, TOP);
    console.log(
      `Top ${TOP} frames of the ${SERVER_NAMES[SERVER]} by self time during the measured ${DURATION} s (share of busy time; idle was ${(idle * 100).toFixed(1)} % of the window):`,
    );
    printTable(
      ["frame", "self % of busy"],
      frames.map((frame) => [frame.name, (frame.share * 100).toFixed(1)]),
    );
  } finally {
    await database.drop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
