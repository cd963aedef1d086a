import { startProcess, sleep, type Managed } from "./processes";
import { createConnection } from "node:net";

/** A redis-server of our own (no persistence), so stopping it disturbs nobody else. */
export interface ThrowawayRedis {
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startThrowawayRedis(port: number): Promise<ThrowawayRedis> {
  let server: Managed | undefined;
  const start = async () => {
    server = startProcess("redis", "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
    await waitForPort(port, 10_000, server);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: async () => server?.stop(5_000),
  };
}

async function waitForPort(port: number, timeoutMs: number, owner: Managed): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`redis-server did not listen on ${port}:\n${owner.output()}`);
}
