import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { startProcess, waitForHttp, type Managed } from "./processes";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** Builds the app (`next build`) when no production build exists; returns a line describing the build. */
export function ensureProductionBuild(): string {
  const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildIdFile)) {
    console.log("No production build (.next/BUILD_ID): running `next build` first…");
    const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
    });
    if (result.status !== 0) throw new Error("`next build` failed: fix the build, then run this again.");
  }
  const built = statSync(buildIdFile).mtime;
  return `build ${readFileSync(buildIdFile, "utf8").trim()} from ${built.toISOString()}`;
}

export interface NextServer {
  readonly url: string;
  readonly port: number;
  readonly process: Managed;
}

/** `next start` on 127.0.0.1:port with the given environment; resolves once /api/health answers. */
export async function startNext(name: string, port: number, env: NodeJS.ProcessEnv): Promise<NextServer> {
  const managed = startProcess(name, process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: ROOT, env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, 60_000, managed);
  return { url, port, process: managed };
}

/**
 * `npm start` as users run it: `node dist/start.mjs` (compiled by `npm run build`; compiled here if
 * missing), Keysmith's app server, which answers verification itself and hands the rest to Next.js.
 */
export async function startAppServer(name: string, port: number, env: NodeJS.ProcessEnv): Promise<NextServer> {
  const entry = path.join(ROOT, "dist", "start.mjs");
  if (!existsSync(entry)) {
    const result = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "build-server.ts")], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (result.status !== 0) throw new Error("scripts/build-server.ts failed: run `npm run build`, then this again.");
  }
  const managed = startProcess(name, process.execPath, [entry], { cwd: ROOT, env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" } });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, 60_000, managed);
  return { url, port, process: managed };
}

/** `npm run verify-server`'s entry point, started directly so signals reach the server itself. */
export async function startVerifyServer(name: string, port: number, env: NodeJS.ProcessEnv): Promise<NextServer> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.["verify-server"];
  if (!script) throw new Error("package.json has no verify-server script.");
  const [, runner, entry] = /^(tsx|node) (\S+)$/.exec(script) ?? [];
  if (!entry) throw new Error(`Unexpected verify-server script "${script}" (expected "node <file>" or "tsx <file>").`);
  // node directly (with --import tsx for TypeScript), without a wrapper process, so signals reach the server itself.
  const managed = startProcess(name, process.execPath, [...(runner === "tsx" ? ["--import", "tsx"] : []), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, 60_000, managed);
  return { url, port, process: managed };
}
