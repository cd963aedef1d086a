import { log } from "@/lib/log";
import { runKeyJobs } from "@/lib/keys/jobs";
import { pruneVerificationLog } from "@/lib/verification-log/retention";
import { config } from "@/lib/config";
import { scanKeyAlerts } from "@/lib/webhooks/alerts";
import { deliverDueWebhooks } from "@/lib/webhooks/worker";

/** KEYSMITH_JOBS_INTERVAL_MS: how often each instance runs the key jobs (default 60000; 0 turns them off). */
export function jobsIntervalFromEnv(): number {
  return config().KEYSMITH_JOBS_INTERVAL_MS;
}

/** Runs the key jobs (and the lifecycle alert scan) on an interval in this process; returns a stop function. Runs never overlap. */
export function startKeyJobs(intervalMs: number = jobsIntervalFromEnv()): () => void {
  if (intervalMs === 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runKeyJobs()
      .then(async (done) => {
        const alerts = await scanKeyAlerts();
        const logRows = await pruneVerificationLog();
        if (done.revoked + done.deleted + alerts + logRows > 0)
          log.info({ ...done, alerts, verificationLogRowsDeleted: logRows }, "key jobs");
      })
      .catch((error: unknown) => log.error({ err: error }, "key jobs failed; retrying next interval"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Delivers due webhooks on an interval in this process (KEYSMITH_WEBHOOKS_INTERVAL_MS); returns a stop function. */
export function startWebhookWorker(intervalMs: number = config().KEYSMITH_WEBHOOKS_INTERVAL_MS): () => Promise<void> {
  if (intervalMs === 0) return async () => {};
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverDueWebhooks()
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, "webhook delivery failed; retrying next interval"))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
