import { log } from "@/lib/log";
import { runKeyJobs } from "@/lib/keys/jobs";
import { pruneVerificationLog } from "@/lib/verification-log/retention";
import { config } from "@/lib/config";

/** KEYSMITH_JOBS_INTERVAL_MS: how often each instance runs the key jobs (default 60000; 0 turns them off). */
export function jobsIntervalFromEnv(): number {
  return config().KEYSMITH_JOBS_INTERVAL_MS;
}

/** Runs the key jobs on an interval in this process; returns a stop function. Runs never overlap. */
export function startKeyJobs(intervalMs: number = jobsIntervalFromEnv()): () => void {
  if (intervalMs === 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runKeyJobs()
      .then(async (done) => {
        const logRows = await pruneVerificationLog();
        if (done.revoked + done.deleted + logRows > 0) log.info({ ...done, verificationLogRowsDeleted: logRows }, "key jobs");
      })
      .catch((error: unknown) => log.error({ err: error }, "key jobs failed; retrying next interval"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
