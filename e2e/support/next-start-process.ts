import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { productionServerEnv } from "./server-secrets";

/** A port nothing listens on now (the kernel's pick; free again once this returns). */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, "close");
  return port;
}

/**
 * A bare `next start` of the production build (no Keysmith server around it), on 127.0.0.1 with extra
 * environment; resolves once its /api/health answers.
 */
export async function startBareNext(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: productionServerEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Until it answers, or the test's own timeout.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}: ${output}`);
    const status = await fetch(`${url}/api/health`).then(
      (response) => response.status,
      () => null, // not listening yet
    );
    if (status !== null && status < 500) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  return { url, stop };
}
