import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { log } from "@/lib/log";
import { serveClusterMetrics } from "@/lib/metrics/cluster";

// The verify server on several cores (KEYSMITH_VERIFY_WORKERS): this primary process forks the
// workers, which listen on the one port (node:cluster hands each new connection to the next worker)
// and each run the whole verify server. The primary answers no request itself. It replaces a worker
// that dies, passes SIGTERM/SIGINT on (each worker drains its own connections) and exits when they
// all have. Each worker keeps its own caches and listens for key changes itself; rate limits and
// usage credits are shared through Redis exactly as between separate instances.

/** How long a dead worker's replacement waits, so that a worker failing at once does not spin. */
const RESTART_DELAY_MS = 1_000;
/** How long the workers get to drain after a stop signal before they are killed. */
const STOP_GRACE_MS = 15_000;

/** The workers alive (or not yet reaped). */
const workers = () => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);

export function workerCount(setting: number | "auto"): number {
  return setting === "auto" ? availableParallelism() : setting;
}

/**
 * Runs the primary: resolves once every worker listens (with the address), and exits the process
 * when the workers have stopped after a signal, or with 1 when a worker cannot start at all.
 */
export function runVerifyCluster(count: number): Promise<{ host: string; port: number }> {
  serveClusterMetrics();
  let stopping = false;
  let listening = 0;
  const everListened = new Set<number>();
  return new Promise((resolve) => {
    cluster.on("listening", (worker: Worker, address) => {
      everListened.add(worker.id);
      listening += 1;
      if (listening === count) resolve({ host: address.address ?? "127.0.0.1", port: address.port });
    });
    cluster.on("exit", (worker: Worker, code, signal) => {
      if (everListened.has(worker.id)) listening -= 1;
      if (stopping) {
        if (workers().length === 0) process.exit(); // 0, or 1 set below
        return;
      }
      if (!everListened.has(worker.id)) {
        // It never got as far as listening (a setting, the database, the port): so will its replacement.
        log.error({ code, signal }, "a verify server worker could not start; stopping");
        stopAll("SIGTERM");
        process.exitCode = 1;
        stopping = true;
        return;
      }
      log.error({ pid: worker.process.pid, code, signal }, "a verify server worker died; starting another");
      setTimeout(() => {
        if (!stopping) cluster.fork();
      }, RESTART_DELAY_MS).unref();
    });
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "verify server stopping its workers");
      stopAll(signal);
      if (workers().length === 0) process.exit();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    for (let i = 0; i < count; i++) cluster.fork();
  });
}

function stopAll(signal: NodeJS.Signals): void {
  for (const worker of workers()) worker.process.kill(signal);
  setTimeout(() => {
    for (const worker of workers()) worker.process.kill("SIGKILL");
  }, STOP_GRACE_MS).unref();
}
