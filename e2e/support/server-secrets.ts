// The secrets every production server of the Playwright suites runs with (`next start` sets
// NODE_ENV=production, which requires both). Test values only.
export const TEST_PEPPER = "e2e-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
export const TEST_ENCRYPTION_KEY = "fmWPl4Tn/rfKBELLK8Fx/+QyvFlR434GEOkBouAn2t8=";

/** The environment of a production server started by a suite: this process's, the test secrets, quiet logs, then `extra`. */
export function productionServerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    KEYSMITH_PEPPER: TEST_PEPPER,
    KEYSMITH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    LOG_LEVEL: "warn",
    ...extra,
  };
}
