// `npm run bench:verification-log`: how many rows per second the verification log's batch writer
// sustains on a throwaway PostgreSQL database — the multi-row INSERT by batch size, and the writer
// itself fed as fast as one process can append (what it writes, and what it drops when the
// buffer is full). Figures are printed, never asserted.
import os from "node:os";
import { setImmediate as tick } from "node:timers/promises";
import { printTable } from "./table";
import { openBenchDatabase } from "./bench-database";

const SECONDS = Number(process.env.BENCH_DURATION ?? 5);

/** This process's CPU (user + system) since `since`, per row: what logging costs the server that verifies. */
function cpuPerRow(since: NodeJS.CpuUsage, rows: number): string {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / rows).toFixed(1);
}

async function main(): Promise<void> {
  console.log(
    `Machine: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  const database = await openBenchDatabase("bench_vlog");
  try {
    const { insertLogRows, VerificationLogWriter } = await import("@/lib/verification-log/writer");
    // Every entry distinct (its address), so that none fold: rows/s here are rows, not verifications.
    const entry = (i: number) => ({
      at: new Date(),
      orgId: "0190a6d2-0000-7000-8000-000000000000",
      keyRowId: "0190a6d2-0000-7000-8000-000000000001",
      keyId: "7GbX2kQp9LmN",
      code: i % 10 === 0 ? "NOT_FOUND" : "VALID",
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      userAgent: "bench-client/1.0 (+https://example.test)",
      scopes: i % 3 === 0 ? ["packages:read"] : [],
      latencyMs: 0.42,
      cost: null,
      count: 1,
    });

    const rows: (string | number)[][] = [];
    for (const batch of [100, 500, 2000, 5000]) {
      const rowsOf = Array.from({ length: batch }, (_, i) => entry(i));
      let written = 0;
      const started = performance.now();
      const cpu = process.cpuUsage();
      while (performance.now() - started < SECONDS * 1000) {
        await insertLogRows(rowsOf);
        written += batch;
      }
      const seconds = (performance.now() - started) / 1000;
      rows.push([`INSERT … unnest, ${batch} rows per statement`, (written / seconds).toFixed(0), written, cpuPerRow(cpu, written)]);
    }

    // The writer as verification uses it: append (never waits), a write every second (or at once when half full).
    const writer = new VerificationLogWriter({ capacity: 50_000 });
    let appended = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    while (performance.now() - started < SECONDS * 1000) {
      for (let i = 0; i < 1_000; i++) writer.append(entry(appended++));
      await tick(); // let the flush's I/O in, as a server's event loop would
    }
    await writer.stop();
    const seconds = (performance.now() - started) / 1000;
    rows.push([
      `VerificationLogWriter, appends as fast as possible (${appended} appended)`,
      (writer.written / seconds).toFixed(0),
      `${writer.written} (dropped ${writer.dropped})`,
      cpuPerRow(cpu, appended),
    ]);
    console.log(`\nVerification log writer (${SECONDS} s per run)`);
    printTable(["run", "rows/s written", "rows", "CPU µs per row (this process)"], rows);
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
