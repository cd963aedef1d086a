// npm run bench:embedded — `npm start` on the embedded database (no DATABASE_URL: PGlite in a fresh
// data directory), then bursts of 50 concurrent POST /api/tokens. Prints p50/p95/max per burst and
// every status: a create must never answer 500. BURSTS (default 5), CONCURRENCY (default 50).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedApp } from "../tests/load/cluster/embedded-app";
import { ensureProductionBuild } from "../tests/load/cluster/next-server";
import { freePort } from "../tests/load/cluster/ports";
import { createKeyOverHttp, signUpOwner } from "../tests/load/support/http-api";
import { ms, percentile, printTable } from "./table";

const BURSTS = Number(process.env.BURSTS ?? 5);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);

async function burst(url: string, cookie: string, round: number) {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      const sent = performance.now();
      const answer = await createKeyOverHttp(url, cookie, `bench ${round}.${i}`).catch(() => ({ status: 0 }));
      return { status: answer.status, ms: performance.now() - sent };
    }),
  );
  const statuses = new Map<number, number>();
  for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  return { latencies: answers.map((a) => a.ms), statuses, wallMs: performance.now() - started };
}

async function main(): Promise<number> {
  console.log(`Production ${ensureProductionBuild()}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "keysmith-bench-embedded-"));
  const app = await startEmbeddedApp("npm start (embedded)", await freePort(3900, 3999), dataDir);
  try {
    const cookie = await signUpOwner(app.url);
    await createKeyOverHttp(app.url, cookie, "warm-up");
    const rows: (string | number)[][] = [];
    const all: number[] = [];
    let failures = 0;
    for (let round = 1; round <= BURSTS; round++) {
      const result = await burst(app.url, cookie, round);
      all.push(...result.latencies);
      failures += [...result.statuses].filter(([status]) => status !== 201).reduce((sum, [, n]) => sum + n, 0);
      const statuses = [...result.statuses].map(([status, n]) => `${status}×${n}`).join(" ");
      rows.push([
        `burst ${round}`,
        ms(percentile(result.latencies, 50)),
        ms(percentile(result.latencies, 95)),
        ms(Math.max(...result.latencies)),
        ms(result.wallMs),
        statuses,
      ]);
    }
    rows.push(["all", ms(percentile(all, 50)), ms(percentile(all, 95)), ms(Math.max(...all)), "", ""]);
    console.log(`\n${CONCURRENCY} concurrent creates (POST /api/tokens) on the embedded database, ${BURSTS} bursts:`);
    printTable(["", "p50 ms", "p95 ms", "max ms", "burst ms", "statuses"], rows);
    return failures > 0 ? 1 : 0;
  } finally {
    await app.process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
