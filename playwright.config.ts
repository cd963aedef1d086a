import { defineConfig } from "@playwright/test";
import { TEST_CLERK_PUBLISHABLE_KEY, testClerkKeys } from "./e2e/support/clerk-keys";
import { securityServerLog, securityServerPort } from "./e2e/support/security-server";
import { e2eScanner } from "./e2e/support/scanner";
import { TEST_ENCRYPTION_KEY, TEST_PEPPER } from "./e2e/support/server-secrets";

// Four production servers from one build (`next build`), each Keysmith's own server around Next.js
// (`scripts/start.ts`), and the newcomer's `npm run dev`,
// started by Playwright:
//   base+0 (3100) local sign-in, empty database — the browser journey (first user becomes owner)
//   base+1 local sign-in — HTTP API tests and the OpenAPI contract test
//   base+2 Clerk (networkless, self-signed session tokens) — the Clerk adapter
//   base+3 (not started here) e2e/api/startup.spec.ts: servers that must refuse to start
//   base+4 local sign-in, sign-up closed, its own database, output captured to a file — the
//          security suite (it scans this server's database and logs)
//   base+5 `scripts/start.ts dev` — the README's first command, as a newcomer runs it: no database,
//          pepper or encryption key configured, so embedded PGlite and generated secrets in
//          E2E_NEWCOMER_DATA_DIR (an empty directory)
//   base+6, base+7 (not started here) e2e/image's copy of the container image: app, verify server
// `npm test` creates the databases and the directory; run alone, set the four variables below.
const uiDatabase = process.env.E2E_UI_DATABASE_URL ?? process.env.DATABASE_URL;
const apiDatabase = process.env.E2E_API_DATABASE_URL ?? process.env.DATABASE_URL;
const securityDatabase = process.env.E2E_SECURITY_DATABASE_URL ?? process.env.DATABASE_URL;
const newcomerDataDir = process.env.E2E_NEWCOMER_DATA_DIR;
if (!uiDatabase || !apiDatabase || !securityDatabase || !newcomerDataDir) {
  throw new Error(
    "Set E2E_UI_DATABASE_URL, E2E_API_DATABASE_URL and E2E_SECURITY_DATABASE_URL (migrated, empty databases) and E2E_NEWCOMER_DATA_DIR (an empty directory), or run `npm test`.",
  );
}

// E2E_PORT_BASE lets two checkouts run their suites side by side.
const base = Number(process.env.E2E_PORT_BASE ?? 3100);
export const PORTS = { ui: base, api: base + 1, clerk: base + 2, security: securityServerPort(), newcomer: base + 5 } as const;
const clerk = testClerkKeys();
const scanner = e2eScanner();
const chromium = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";

function server(port: number, env: Record<string, string>, logFile?: string) {
  return {
    // The command runs in a shell, so the redirection captures the server's whole output.
    // Keysmith's own server around Next.js, compiled (dist/start.mjs), as `npm start` runs it.
    command: `node dist/start.mjs${logFile ? ` > ${logFile} 2>&1` : ""}`,
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      PORT: String(port),
      HOSTNAME: "localhost",
      NEXT_TELEMETRY_DISABLED: "1",
      KEYSMITH_PEPPER: TEST_PEPPER,
      KEYSMITH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      KEYSMITH_SECRET_SCANNING_KEYS: scanner.document,
      LOG_LEVEL: "warn",
      ...env,
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Assertions wait for their condition; this is only the ceiling. The default 5 s was missed on one
  // busy core by a sign-up (Argon2 and the strength check) before its redirect: a slow machine must
  // not fail a test that is right.
  expect: { timeout: 20_000 },
  timeout: 120_000,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost", "--disable-background-networking", "--disable-component-update"],
    },
  },
  webServer: [
    // Sign-up is closed after the owner by default; these suites sign up many users, so it is open.
    server(PORTS.ui, { DATABASE_URL: uiDatabase, KEYSMITH_SIGNUP: "open" }),
    server(PORTS.api, { DATABASE_URL: apiDatabase, KEYSMITH_SIGNUP: "open" }),
    server(PORTS.clerk, {
      DATABASE_URL: apiDatabase,
      AUTH_PROVIDER: "clerk",
      CLERK_SECRET_KEY: "sk_live_keysmith_networkless_test",
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: TEST_CLERK_PUBLISHABLE_KEY,
      CLERK_JWT_KEY: clerk.publicKeyPem,
    }),
    // The suite sends hundreds of deliberately bad keys from one address; the per-address limit on
    // failed verifications is tested in tests/verify, so here it is set out of the way.
    server(
      PORTS.security,
      { DATABASE_URL: securityDatabase, KEYSMITH_SIGNUP: "closed", LOG_LEVEL: "debug", KEYSMITH_VERIFY_FAILURES_PER_MINUTE: "100000" },
      securityServerLog(),
    ),
    // Empty values count as unset: whatever the runner's environment holds, this is a fresh machine.
    {
      command: "node_modules/.bin/tsx scripts/start.ts dev",
      url: `http://localhost:${PORTS.newcomer}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: {
        PORT: String(PORTS.newcomer),
        HOSTNAME: "localhost",
        KEYSMITH_DATA_DIR: newcomerDataDir,
        DATABASE_URL: "",
        KEYSMITH_PEPPER: "",
        KEYSMITH_ENCRYPTION_KEY: "",
        AUTH_PROVIDER: "",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
      },
    },
  ],
  projects: [
    { name: "ui", testDir: "e2e/ui", use: { baseURL: `http://localhost:${PORTS.ui}`, browserName: "chromium" } },
    { name: "api", testDir: "e2e/api", use: { baseURL: `http://localhost:${PORTS.api}` } },
    { name: "clerk", testDir: "e2e/clerk", use: { baseURL: `http://localhost:${PORTS.clerk}` } },
    // The container image's directory, started as the Dockerfile says (its own ports: base+6, base+7).
    { name: "image", testDir: "e2e/image" },
    { name: "contract", testDir: "e2e/contract", use: { baseURL: `http://localhost:${PORTS.api}` } },
    { name: "security", testDir: "e2e/security", use: { baseURL: `http://localhost:${PORTS.security}`, browserName: "chromium" } },
    // `next dev` compiles each page and route on its first request: allow for that in every wait.
    {
      name: "newcomer",
      testDir: "e2e/newcomer",
      expect: { timeout: 30_000 },
      use: { baseURL: `http://localhost:${PORTS.newcomer}`, browserName: "chromium", navigationTimeout: 60_000 },
    },
  ],
});
