import { VARIABLES } from "@/lib/config/variables";
import { workerCount } from "@/lib/server/verify-cluster";

// The verify server's worker processes in a benchmark: BENCH_VERIFY_WORKERS, read by the same rule
// as KEYSMITH_VERIFY_WORKERS, and how many passes over the round-robin keys warm all of them.

export function benchVerifyWorkers(fallback: "auto" | "1"): { setting: string; count: number } {
  const setting = process.env.BENCH_VERIFY_WORKERS ?? fallback;
  return { setting, count: workerCount(VARIABLES.KEYSMITH_VERIFY_WORKERS.schema.parse(setting)) };
}

/**
 * Each worker proves a key the first time it sees it, and a pass sends each key to one worker or
 * another: six passes leave ~1/2^6 of the keys unseen by a worker of two. One process needs one.
 */
export function warmPasses(workers: number): number {
  return workers > 1 ? 6 : 1;
}
