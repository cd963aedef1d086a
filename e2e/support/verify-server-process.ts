import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { TEST_PEPPER } from "./server-secrets";

/** `npm run verify-server` (dist/verify-server.mjs, compiled from scripts/verify-server.ts by `npm run build`) on a free port; resolves with its base URL. */
export async function startVerifyServer(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void>; output: () => string }> {
  const child = spawn(process.execPath, ["dist/verify-server.mjs"], {
    env: { ...process.env, PORT: "0", HOSTNAME: "127.0.0.1", KEYSMITH_PEPPER: TEST_PEPPER, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`verify server exited with ${code}: ${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  return { url, child, stop, output: () => output };
}
