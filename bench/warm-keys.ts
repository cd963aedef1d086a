// `npm run bench:warm`: do many active keys stay warm? In one process, against real PostgreSQL:
// for 1,000, 10,000 and 100,000 active keys, a fresh verifier proves every key once (first pass),
// then verifies them round-robin for BENCH_DURATION seconds (default 5), 64 at a time. Prints the
// CPU per verification, the key-state queries and Argon2 runs during the timed passes (both should
// be 0: nothing expires), and the heap the caches hold per 10,000 keys. Figures, not assertions.
// BENCH_WARM_SIZES="1000,10000,100000" changes the sizes.
import { UsageRecorder } from "@/lib/usage/recorder";
import { Verifier } from "@/lib/verify";
import { loadKeyStatesFromDb, type LoadKeyStates } from "@/lib/verify/key-state-store";
import { TEST_PEPPER } from "../tests/load/cluster/production-env";
import { createOwnerSession } from "../tests/load/support/seed";
import { insertFastKeys, type FastKey } from "./fast-keys";
import { printTable } from "./table";
import { openBenchDatabase } from "./bench-database";

const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;
const SIZES = (process.env.BENCH_WARM_SIZES ?? "1000,10000,100000").split(",").map(Number);
const CONCURRENCY = 64;

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function pass(verifier: Verifier, keys: FastKey[], until: (done: number) => boolean): Promise<{ done: number; wrong: number }> {
  let next = 0;
  let done = 0;
  let wrong = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!until(done)) {
        const key = keys[next++ % keys.length]!;
        if ((await verifier.verify(key.rawKey)).code !== "VALID") wrong++;
        done++;
      }
    }),
  );
  return { done, wrong };
}

async function main(): Promise<void> {
  if (!gc) console.log("(run with node --expose-gc for heap figures: npm run bench:warm does)");
  const database = await openBenchDatabase("warm");
  try {
    process.env.KEYSMITH_PEPPER = TEST_PEPPER;
    const session = await createOwnerSession("Warm");
    const largest = Math.max(...SIZES);
    const started = performance.now();
    const keys = await insertFastKeys(session.orgId, largest, (done) => done % 20_000 === 0 && console.log(`  ${done} keys…`));
    console.log(`Seeded ${largest} keys in ${((performance.now() - started) / 1000).toFixed(1)} s (bench/fast-keys.ts)`);

    const rows: (string | number)[][] = [];
    for (const size of SIZES) {
      const active = keys.slice(0, size);
      let queries = 0;
      const load: LoadKeyStates = (keyIds) => {
        queries += 1;
        return loadKeyStatesFromDb(keyIds);
      };
      const heapBefore = heapAfterGc();
      const verifier = new Verifier({
        loadStates: load,
        redis: null,
        failuresPerMinute: 0,
        usage: new UsageRecorder(60_000, async () => {}),
      });
      await verifier.ready();
      try {
        const firstStarted = performance.now();
        const first = await pass(verifier, active, (done) => done >= size);
        const firstSeconds = (performance.now() - firstStarted) / 1000;
        const heapCached = heapAfterGc() - heapBefore;
        const before = { queries, argon2: verifier.stats.argon2Runs, cpu: process.cpuUsage() };
        const timedStarted = performance.now();
        const timed = await pass(verifier, active, () => performance.now() - timedStarted >= DURATION_MS);
        const seconds = (performance.now() - timedStarted) / 1000;
        const cpu = process.cpuUsage(before.cpu);
        rows.push([
          size,
          `${first.done} in ${firstSeconds.toFixed(1)} s`,
          (timed.done / seconds).toFixed(0),
          ((cpu.user + cpu.system) / timed.done).toFixed(1),
          queries - before.queries,
          verifier.stats.argon2Runs - before.argon2,
          first.wrong + timed.wrong,
          `${verifier.stats.states} / ${verifier.stats.proofs}`,
          gc ? (((heapCached / size) * 10_000) / 2 ** 20).toFixed(2) : "n/a",
        ]);
      } finally {
        await verifier.close();
      }
    }
    console.log(
      `\nWarm verification in-process (${CONCURRENCY} at a time, ${DURATION_MS / 1000} s round-robin after one pass; Redis off, usage not written)`,
    );
    printTable(
      [
        "active keys",
        "first pass",
        "verifications/s",
        "CPU µs/verification",
        "state queries",
        "Argon2 runs",
        "not VALID",
        "cached states / proofs",
        "heap MiB per 10,000 keys",
      ],
      rows,
    );
  } finally {
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
