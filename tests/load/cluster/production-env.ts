// Secrets for throwaway servers only (the same kind of values as playwright.config.ts):
// `next start` runs with NODE_ENV=production, which requires both.
export const TEST_PEPPER = "bench-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
export const TEST_ENCRYPTION_KEY = "fmWPl4Tn/rfKBELLK8Fx/+QyvFlR434GEOkBouAn2t8=";

export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    KEYSMITH_PEPPER: TEST_PEPPER,
    KEYSMITH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    LOG_LEVEL: "warn",
    // Every request comes from 127.0.0.1: the per-IP failed-verification limiter would refuse the load itself.
    KEYSMITH_VERIFY_FAILURES_PER_MINUTE: "0",
    // The key jobs (rotation graces, retention) read ApiKey once a minute; they are not under test here
    // and would blur the "malformed keys never touch the database" reading.
    KEYSMITH_JOBS_INTERVAL_MS: "0",
    ...extra,
  };
}
