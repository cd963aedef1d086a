import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { productionServerEnv } from "./server-secrets";

/**
 * Keysmith's own server (`npm start`: dist/start.mjs, compiled by `npm run build`) on a free port of 127.0.0.1,
 * with extra environment; resolves with its base URL once it listens.
 */
export async function startAppServer(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["dist/start.mjs"], {
    env: productionServerEnv({ PORT: "0", HOSTNAME: "127.0.0.1", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", (code) => reject(new Error(`Keysmith exited with ${code}: ${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  return { url, child, stop };
}
