// `npm run test:security`: only the security suite — its Vitest files (body parsing, text
// rules, key parser properties, OpenAPI coverage, backups) and the Playwright projects "security" (CSRF,
// sessions, authorisation matrix, headers, raw-key leaks, hostile input) and "contract".
// `npm test` runs all of it too.
import { bin, buildAndRunPlaywright, step } from "./e2e-run";
import { ensureChromium, ensurePostgres } from "./test-prerequisites";

async function main() {
  const chromium = ensureChromium();
  await ensurePostgres();
  step("Security unit tests (Vitest, PostgreSQL)", bin("vitest"), ["run", "tests/security", "tests/openapi", "tests/backups"]);
  await buildAndRunPlaywright("Security and contract tests over HTTP (Playwright, Chromium)", chromium, ["security", "contract"]);
  console.log("\nSecurity checks passed.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
