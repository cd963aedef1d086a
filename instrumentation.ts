// Next.js calls register() once per server process at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Missing secrets or settings stop the server here, with the reason (lib/startup-checks.ts).
  const { exitUnlessConfigured } = await import("./lib/startup-checks");
  exitUnlessConfigured();
  // In production the environment is final now: settings are no longer compared with it on every
  // read (development keeps comparing, since Next.js reloads .env while it runs).
  const { freezeConfig, isProduction } = await import("./lib/config");
  if (isProduction()) freezeConfig();
  const { onShutdown, holdExitForShutdownHooks } = await import("./lib/shutdown");
  const { usageRecorder } = await import("./lib/usage/recorder");
  // Usage counts live in memory for up to one flush interval: write them before the process ends.
  onShutdown(() => usageRecorder().stop());
  // So do verification log rows (lib/verification-log/writer.ts).
  const { stopVerificationLog } = await import("./lib/verification-log/writer");
  onShutdown(() => stopVerificationLog());
  // This host's clock against the database's, now and every minute (logged, and on /api/health).
  const { startClockWatch } = await import("./lib/jobs/clock-watch");
  const stopClockWatch = startClockWatch();
  onShutdown(async () => stopClockWatch());
  // Rotation grace ends and expired-key retention; safe on every instance at once (lib/keys/jobs.ts).
  const { startKeyJobs } = await import("./lib/jobs/scheduler");
  const stopKeyJobs = startKeyJobs();
  onShutdown(async () => stopKeyJobs());
  // Webhook deliveries from the outbox; safe on every instance at once (lib/webhooks/worker.ts).
  const { startWebhookWorker } = await import("./lib/jobs/scheduler");
  const stopWebhookWorker = startWebhookWorker();
  onShutdown(stopWebhookWorker);
  holdExitForShutdownHooks();
}
