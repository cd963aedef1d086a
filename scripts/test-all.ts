// `npm test`: everything CI checks, in order — types, lint, unit/integration tests against
// real PostgreSQL (the security unit tests included), a production build, then API, contract,
// security and browser tests in Chromium.
import { bin, buildAndRunPlaywright, step } from "./e2e-run";
import { ensureChromium, ensurePostgres } from "./test-prerequisites";

async function main() {
  const chromium = ensureChromium();
  await ensurePostgres();

  step("Type check", bin("tsc"), ["--noEmit"]);
  step("Lint", bin("eslint"), [".", "--max-warnings", "0"]);
  step("Format (Prettier)", bin("prettier"), ["--check", "."]);
  step("Unit and integration tests (Vitest, PostgreSQL)", bin("vitest"), ["run"]);
  await buildAndRunPlaywright("API, contract, security and browser tests (Playwright, Chromium)", chromium);
  console.log("\nAll checks passed.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
