import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { productionServerEnv } from "./server-secrets";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Spawns `node args` with the production test environment plus `env`, and resolves with the base URL
 * that `ready` captures from its output (stdout and stderr), or rejects when it exits first.
 */
export async function startServerProcess(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { env: productionServerEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  return { url, child, stop };
}

/**
 * Keysmith's own server (`npm start`: dist/start.mjs, compiled by `npm run build`) on a free port of 127.0.0.1,
 * with extra environment; resolves with its base URL once it listens.
 */
export function startAppServer(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess("Keysmith", ["dist/start.mjs"], { PORT: "0", HOSTNAME: "127.0.0.1", ...env }, /listening on (http:\/\/\S+)/);
}
