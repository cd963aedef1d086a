import { spawn, type ChildProcess } from "node:child_process";

/** A child process started in its own process group, so signals reach it and its children only. */
export interface Managed {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines it wrote, for error messages. */
  output(): string;
  signal(signal: NodeJS.Signals): void;
  /** Sends SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  exited(): Promise<void>;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Managed {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (sig: NodeJS.Signals) => {
    if (!running() || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  return {
    name,
    child,
    output: () => lines.join("\n"),
    signal,
    exited: () => exit,
    async stop(graceMs = 10_000) {
      if (!running()) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers 2xx; throws with the process output after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, owner?: Managed): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (owner && (owner.child.exitCode !== null || owner.child.signalCode !== null)) {
      throw new Error(`${owner.name} exited before answering ${url}:\n${owner.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${owner ? `:\n${owner.output()}` : ""}`);
}
