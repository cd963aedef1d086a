// The secrets every production server of the Playwright suites runs with (`next start` sets
// NODE_ENV=production, which requires both). Test values only.
export const TEST_PEPPER = "e2e-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
export const TEST_ENCRYPTION_KEY = "fmWPl4Tn/rfKBELLK8Fx/+QyvFlR434GEOkBouAn2t8=";
