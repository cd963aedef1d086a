import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, test } from "@playwright/test";
import { apiDatabaseUrl } from "../support/seeded-org";
import { TEST_ENCRYPTION_KEY, TEST_PEPPER } from "../support/server-secrets";

// A server missing a secret or setting stops at start with the reason (lib/config,
// lib/startup-checks.ts) instead of running and failing on the first key or registry request.
// Both run as production does: compiled, straight under node.
// Its own port (base+3, like the shutdown spec), since the shared servers must keep running.
const port = Number(process.env.E2E_PORT_BASE ?? 3100) + 3;

/** Runs the command to its exit (at most 30 s); its output and exit code. */
async function runToExit(command: string, args: string[], env: Record<string, string>) {
  const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: apiDatabaseUrl(), NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["KEYSMITH_PEPPER", "KEYSMITH_ENCRYPTION_KEY", "AUTH_PROVIDER"]) delete base[name];
  const child = spawn(command, args, { env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

const cases: { missing: string; env: Record<string, string> }[] = [
  { missing: "KEYSMITH_PEPPER", env: { KEYSMITH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } },
  { missing: "KEYSMITH_ENCRYPTION_KEY", env: { KEYSMITH_PEPPER: TEST_PEPPER } },
  {
    missing: "CLERK_SECRET_KEY",
    env: { KEYSMITH_PEPPER: TEST_PEPPER, KEYSMITH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, AUTH_PROVIDER: "clerk" },
  },
];

for (const { missing, env } of cases) {
  test(`npm start without ${missing} exits 1 and says why`, async () => {
    test.setTimeout(45_000);
    const { code, output } = await runToExit(process.execPath, ["dist/start.mjs"], { HOSTNAME: "localhost", PORT: String(port), ...env });
    expect(code).toBe(1);
    expect(output).toContain("Keysmith cannot start:");
    expect(output).toContain(missing);
    // Nothing is left answering on its port.
    expect(
      await fetch(`http://localhost:${port}/api/health`).then(
        (r) => r.status,
        () => 0,
      ),
    ).toBe(0);
  });
}

for (const command of ["dist/start.mjs", "dist/verify-server.mjs"]) {
  test(`${command} with an invalid setting exits 1 and names it`, async () => {
    test.setTimeout(45_000);
    const { code, output } = await runToExit(process.execPath, [command], {
      KEYSMITH_PEPPER: TEST_PEPPER,
      KEYSMITH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      PORT: String(port),
      KEYSMITH_DB_POOL_MAX: "ten",
    });
    expect(code).toBe(1);
    expect(output).toContain('KEYSMITH_DB_POOL_MAX must be a whole number (got "ten")');
    expect(
      await fetch(`http://localhost:${port}/api/health`).then(
        (r) => r.status,
        () => 0,
      ),
    ).toBe(0);
  });
}

test("the verify server without KEYSMITH_PEPPER exits 1 and says why", async () => {
  test.setTimeout(45_000);
  const { code, output } = await runToExit(process.execPath, ["dist/verify-server.mjs"], { NODE_ENV: "production", PORT: String(port) });
  expect(code).toBe(1);
  expect(output).toContain("verify server cannot start:");
  expect(output).toContain("KEYSMITH_PEPPER");
});
