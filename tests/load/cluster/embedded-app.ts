import path from "node:path";
import { startProcess, waitForHttp } from "./processes";
import { ROOT, type NextServer } from "./next-server";
import { serverEnv } from "./production-env";

/**
 * `npm start` as a newcomer runs it: no DATABASE_URL, so scripts/start.ts serves the embedded
 * database (PGlite) from `dataDir`/pglite and runs `next start` on it (the production build).
 */
export async function startEmbeddedApp(name: string, port: number, dataDir: string, extra: Record<string, string> = {}): Promise<NextServer> {
  const managed = startProcess(name, process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    env: serverEnv({ DATABASE_URL: "", REDIS_URL: "", KEYSMITH_DATA_DIR: dataDir, PORT: String(port), HOSTNAME: "127.0.0.1", ...extra }),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, 120_000, managed);
  return { url, port, process: managed };
}
