import os from "node:os";
import path from "node:path";

// The security suite's own server (playwright.config.ts): sign-up closed, its own database,
// its whole output captured to this file so the suite can check no raw key reaches the logs.
// base+3 is e2e/api/shutdown.spec.ts's own short-lived server.
export function securityServerPort(): number {
  return Number(process.env.E2E_PORT_BASE ?? 3100) + 4;
}

export function securityServerLog(): string {
  return path.join(os.tmpdir(), `keysmith-security-server-${securityServerPort()}.log`);
}

export const securityDatabaseUrl = () => process.env.E2E_SECURITY_DATABASE_URL ?? process.env.DATABASE_URL;
