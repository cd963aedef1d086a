import { testScanner, type TestScanner } from "../../tests/support/scanner-keys";

// The secret scanner the servers trust in tests (KEYSMITH_SECRET_SCANNING_KEYS): one key pair,
// stored in the environment so Playwright's workers, which load the config again, agree.
export function e2eScanner(): TestScanner {
  const scanner = testScanner("e2e-scanner-key", process.env.E2E_SCANNER_PRIVATE_KEY || undefined);
  process.env.E2E_SCANNER_PRIVATE_KEY = scanner.privateKeyPem;
  return scanner;
}
