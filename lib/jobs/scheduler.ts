import { log } from "@/lib/log";
import { runKeyJobs } from "@/lib/keys/jobs";

/** KEYSMITH_JOBS_INTERVAL_MS: how often each instance runs the key jobs (default 60000; 0 turns them off). */
export function jobsIntervalFromEnv(): number {
  const raw = process.env.KEYSMITH_JOBS_INTERVAL_MS;
  if (raw === undefined || raw === "") return 60_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`KEYSMITH_JOBS_INTERVAL_MS must be a whole number ≥ 0, got "${raw}".`);
  return value;
}

/** Runs the key jobs on an interval in this process; returns a stop function. Runs never overlap. */
export function startKeyJobs(intervalMs: number = jobsIntervalFromEnv()): () => void {
  if (intervalMs === 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runKeyJobs()
      .then((done) => {
        if (done.revoked + done.deleted > 0) log.info(done, "key jobs");
      })
      .catch((error: unknown) => log.error({ err: error }, "key jobs failed; retrying next interval"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
