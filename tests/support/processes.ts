import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

// Real server processes for integration tests: started, awaited by condition (a line they
// print, an endpoint that answers), and stopped by their own pid.

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);

/** The environment without npm's own `npm_*` variables (set when run under `npm test`), which would override a test's npm config. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Spawns a process and resolves once its output matches `ready` (or rejects when it exits first). */
export function startProcess(
  command: string,
  args: string[],
  options: SpawnOptions & { ready: RegExp; timeoutMs?: number },
): Promise<Started & { match: RegExpMatchArray }> {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not become ready in time:\n${output}`)), options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => output, stop });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** The standalone Keysmith verify server (scripts/verify-server.ts) on the test database, as its own process. */
export async function startKeysmithVerifyServer(): Promise<Started & { url: string }> {
  const started = await startProcess(bin("tsx"), ["scripts/verify-server.ts"], {
    cwd: ROOT,
    env: cleanEnv({ PORT: "0", HOSTNAME: "127.0.0.1", REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" }),
    ready: /listening on (http:\/\/\S+)/,
  });
  return { ...started, url: started.match[1]! };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
