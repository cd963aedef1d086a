import path from "node:path";
import { startProcess, waitForHttp, type Managed } from "./processes";
import { ROOT, type NextServer } from "./next-server";
import { serverEnv } from "./production-env";

/**
 * `npm start` as a newcomer runs it: no DATABASE_URL, so scripts/start.ts serves the embedded
 * database (PGlite) from `dataDir`/pglite and runs `next start` on it (the production build).
 * The child is the node process that runs start.ts, so its pid is the data directory lock's holder.
 */
export function spawnEmbeddedApp(name: string, port: number, dataDir: string, extra: Record<string, string> = {}): Managed {
  return startProcess(name, process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    env: serverEnv({ DATABASE_URL: "", REDIS_URL: "", KEYSMITH_DATA_DIR: dataDir, PORT: String(port), HOSTNAME: "127.0.0.1", ...extra }),
  });
}

/** spawnEmbeddedApp, resolved once /api/health answers. */
export async function startEmbeddedApp(
  name: string,
  port: number,
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<NextServer> {
  const managed = spawnEmbeddedApp(name, port, dataDir, extra);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, 120_000, managed);
  return { url, port, process: managed };
}
