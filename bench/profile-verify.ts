// `npm run bench:profile`: where the standalone verify server spends its CPU on a hot key. Starts
// `scripts/verify-server.ts` under `node --cpu-prof` on a throwaway database, loads it with
// autocannon (50 connections, BENCH_DURATION seconds, default 10), stops it with SIGTERM (the
// profile is written at exit) and prints the top frames by self time. Figures, not assertions.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { ROOT } from "../tests/load/cluster/next-server";
import { startProcess, waitForHttp } from "../tests/load/cluster/processes";
import { serverEnv, TEST_PEPPER } from "../tests/load/cluster/production-env";
import { createOwnerSession, createTestKey } from "../tests/load/support/seed";
import { createTestDatabase, dropTestDatabase } from "../tests/support/test-database";
import { runLoad } from "./load-run";
import { printTable } from "./table";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const PORT = Number(process.env.E2E_PORT_BASE ?? 3300) + 7;
const TOP = Number(process.env.BENCH_TOP ?? 20);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, "").replace(ROOT + "/", "").replace(/^.*node_modules\//, "~/");
  return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
}

/** Self time per frame name, as a share of all samples (idle included, shown as its own row). */
export function topFrames(profile: CpuProfile, top: number): { name: string; share: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const name = frameName(byId.get(id)!);
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => ({ name, share: time / total }));
}

async function main(): Promise<void> {
  const database = await createTestDatabase("profile");
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "keysmith-profile-"));
  try {
    await applyMigrations(database.url, path.resolve(import.meta.dirname, "../prisma/migrations"));
    process.env.DATABASE_URL = database.url;
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    const session = await createOwnerSession("Profile");
    const hot = await createTestKey(session, "hot");
    const server = startProcess("verify-server", process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", path.join(ROOT, "scripts/verify-server.ts")], {
      cwd: ROOT,
      env: { ...serverEnv({ DATABASE_URL: database.url }), PORT: String(PORT), HOSTNAME: "127.0.0.1" },
    });
    const url = `http://127.0.0.1:${PORT}`;
    await waitForHttp(`${url}/api/health`, 60_000, server);
    const target = { label: "hot key", url: `${url}/api/tokens/verify`, bodies: [JSON.stringify({ key: hot.rawKey })], expectCode: "VALID" };
    await runLoad(target, { durationSeconds: 2 }); // warm-up: proof cached, JIT settled
    const row = await runLoad(target, { durationSeconds: DURATION });
    await server.stop();
    const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error("The verify server wrote no CPU profile (did it exit cleanly on SIGTERM?).");
    const profile = JSON.parse(readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile;
    console.log(`\nHot key under load: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-200 ${row.non200Detail}, wrong code ${row.wrongCodes}`);
    console.log(`Top ${TOP} frames of the verify server by self time (whole run: start-up, warm-up and load):`);
    printTable(["frame", "self %"], topFrames(profile, TOP).map((frame) => [frame.name, (frame.share * 100).toFixed(1)]));
  } finally {
    await closeDb();
    await dropTestDatabase(database.name);
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
