// `npm run bench:abuse` — does a flood from one address slow everyone else down? Starts Keysmith's
// own server (the production build; run `npm run build` first) on a throwaway database and
// measures the dashboard API's latency (GET /api/tokens, one request at a time) idle, during a
// 500-request wrong-password sign-in flood and during an 800-request wrong-secret verify flood
// (32 at a time each) — counting only dashboard requests answered while the flood still ran — and a
// fresh key's first verification during the verify flood.
// Goal (issue #17): dashboard p50 under a flood < 2× idle. Prints figures; asserts nothing.
import { performance } from "node:perf_hooks";
import { fork } from "node:child_process";
import path from "node:path";
import { createTempDatabase } from "../lib/db/temp-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { startAppServer } from "../e2e/support/app-server-process";
import type { FloodOrder, FloodResult } from "./abuse-flood";
import { ms, percentile, printTable } from "./table";

const SERVER = process.env.BENCH_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PASSWORD = "a long enough bench password";

/** Dashboard latencies: `count` samples, or (given a flood) those sent and answered while the flood still ran. */
async function dashboardLatencies(url: string, cookie: string, flood: { done: () => boolean } | { count: number }): Promise<number[]> {
  const samples: number[] = [];
  const more = () => ("count" in flood ? samples.length < flood.count : !flood.done());
  while (more()) {
    const started = performance.now();
    const response = await fetch(`${url}/api/tokens`, { headers: { cookie } });
    await response.arrayBuffer();
    if ("count" in flood || !flood.done()) samples.push(performance.now() - started);
  }
  return samples;
}

/** Runs a flood in a child process (bench/abuse-flood.ts), so it does not share this process's event loop. */
function floodInWorker(order: FloodOrder): Promise<FloodResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "abuse-flood.ts"), [], { execArgv: ["--import", "tsx"] });
    child.once("message", (result: FloodResult) => {
      resolve(result);
      child.kill();
    });
    child.once("error", reject);
    child.send(order);
  });
}

const describeFlood = (result: FloodResult) =>
  `${Object.entries(result.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(" ")} in ${ms(result.ms)} ms`;

async function main() {
  const database = await createTempDatabase(SERVER, "keysmith_bench_abuse");
  const server = await (async () => {
    await applyMigrations(database.url, path.resolve(import.meta.dirname, "../prisma/migrations"));
    return startAppServer({ DATABASE_URL: database.url, KEYSMITH_SIGNUP: "open", REDIS_URL: "" });
  })();
  try {
    const signUp = await fetch(`${server.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: "owner@bench.example", password: PASSWORD }),
    });
    const cookie = signUp.headers.getSetCookie()[0]!.split(";")[0]!;
    const createKey = async (name: string) =>
      (await (
        await fetch(`${server.url}/api/tokens`, {
          method: "POST",
          headers: { cookie, origin: server.url, "content-type": "application/json" },
          body: JSON.stringify({ name }),
        })
      ).json()) as { rawKey: string };
    const target = await createKey("flood target");

    const idle = await dashboardLatencies(server.url, cookie, { count: 50 });

    let signInDone = false;
    const signInFlood = floodInWorker({ kind: "sign-in", url: server.url, total: 500, concurrency: 32 }).finally(() => (signInDone = true));
    const duringSignIn = await dashboardLatencies(server.url, cookie, { done: () => signInDone });
    const signIns = await signInFlood;

    const keyId = target.rawKey.slice(11, 23);
    let verifyDone = false;
    const verifyFlood = floodInWorker({ kind: "wrong-secret", url: server.url, total: 800, concurrency: 32, keyId }).finally(
      () => (verifyDone = true),
    );
    const fresh = await createKey("fresh during flood");
    const firstStarted = performance.now();
    const first = (await (
      await fetch(`${server.url}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": fresh.rawKey } })
    ).json()) as { code: string };
    const firstMs = performance.now() - firstStarted;
    const duringVerify = await dashboardLatencies(server.url, cookie, { done: () => verifyDone });
    const verifies = await verifyFlood;

    printTable(
      ["dashboard GET /api/tokens", "samples", "p50 ms", "p95 ms", "p50 / idle"],
      [
        ["idle", idle.length, ms(percentile(idle, 50)), ms(percentile(idle, 95)), "1.00"],
        [
          "during 500 wrong sign-ins",
          duringSignIn.length,
          ms(percentile(duringSignIn, 50)),
          ms(percentile(duringSignIn, 95)),
          (percentile(duringSignIn, 50) / percentile(idle, 50)).toFixed(2),
        ],
        [
          "during 800 wrong secrets",
          duringVerify.length,
          ms(percentile(duringVerify, 50)),
          ms(percentile(duringVerify, 95)),
          (percentile(duringVerify, 50) / percentile(idle, 50)).toFixed(2),
        ],
      ],
    );
    console.log(`\nSign-in flood: ${describeFlood(signIns)}. Verify flood: ${describeFlood(verifies)}.`);
    console.log(`A fresh key's first verification during the wrong-secret flood: ${ms(firstMs)} ms (${first.code}).`);
  } finally {
    await server.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
