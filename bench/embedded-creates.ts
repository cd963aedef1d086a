// npm run bench:embedded — `npm start` on the embedded database (no DATABASE_URL: PGlite in a fresh
// data directory), then bursts of 50 concurrent POST /api/tokens. Prints p50/p95/max per burst and
// every status: a create must never answer 500. BURSTS (default 5), CONCURRENCY (default 50).
// The first burst warms the server (JIT, lazily loaded route code) and is printed apart, not in "all".
// The client is node:http with kept-alive sockets, not fetch: on a 2-core machine the load generator
// shares the cores with the server, and undici's fetch costs about 3 ms of CPU per request.
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedApp } from "../tests/load/cluster/embedded-app";
import { ensureProductionBuild } from "../tests/load/cluster/next-server";
import { freePort } from "../tests/load/cluster/ports";
import { signUpOwner } from "../tests/load/support/http-api";
import { ms, percentile, printTable } from "./table";

const BURSTS = Number(process.env.BURSTS ?? 5);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** POST /api/tokens as the owner; resolves with the status once the whole answer has arrived. */
function createKey(url: string, cookie: string, name: string): Promise<number> {
  const body = JSON.stringify({ name, rateLimitPerMinute: 1_000_000 });
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/api/tokens`, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie },
      timeout: 10_000,
    });
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("timeout", () => request.destroy(new Error("no answer in 10 s")));
    request.on("error", reject);
    request.end(body);
  });
}

async function burst(url: string, cookie: string, round: number) {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      const sent = performance.now();
      const status = await createKey(url, cookie, `bench ${round}.${i}`).catch(() => 0);
      return { status, ms: performance.now() - sent };
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
    const rows: (string | number)[][] = [];
    const all: number[] = [];
    let failures = 0;
    for (let round = 0; round <= BURSTS; round++) {
      const result = await burst(app.url, cookie, round);
      if (round > 0) all.push(...result.latencies);
      failures += [...result.statuses].filter(([status]) => status !== 201).reduce((sum, [, n]) => sum + n, 0);
      const statuses = [...result.statuses].map(([status, n]) => `${status}×${n}`).join(" ");
      rows.push([
        round === 0 ? "warm-up" : `burst ${round}`,
        ms(percentile(result.latencies, 50)),
        ms(percentile(result.latencies, 95)),
        ms(Math.max(...result.latencies)),
        ms(result.wallMs),
        statuses,
      ]);
    }
    rows.push(["all", ms(percentile(all, 50)), ms(percentile(all, 95)), ms(Math.max(...all)), "", ""]);
    console.log(`\n${CONCURRENCY} concurrent creates (POST /api/tokens) on the embedded database, ${BURSTS} bursts after a warm-up burst:`);
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
