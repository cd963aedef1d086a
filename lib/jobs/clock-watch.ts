import { dbClock, MAX_CLOCK_SKEW_MS, skewTooLarge } from "@/lib/db/db-clock";
import { log } from "@/lib/log";

const EVERY_MS = 60_000;

async function checkAndLog(): Promise<void> {
  const clock = dbClock();
  await clock.check();
  const reading = clock.reading!;
  if (skewTooLarge(reading)) {
    log.error(
      { skewMs: reading.skewMs, maxMs: MAX_CLOCK_SKEW_MS },
      "this host's clock disagrees with the database's: keys are judged by the database's clock, and retention will not delete until the clocks agree",
    );
  } else {
    log.info({ skewMs: reading.skewMs }, "clock compared with the database's");
  }
}

/** Compares this instance's clock with the database's now and every minute (logged, and on /api/health). */
export function startClockWatch(): () => void {
  const run = () => void checkAndLog().catch((error: unknown) => log.warn({ err: error }, "could not read the database's clock"));
  run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
