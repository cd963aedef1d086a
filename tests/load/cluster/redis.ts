import { startProcess, sleep, type Managed } from "./processes";
import { createConnection } from "node:net";
import { redisAnswers } from "../../support/own-redis";

/** A redis-server of our own (no persistence), so stopping it disturbs nobody else. */
export interface ThrowawayRedis {
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGSTOP: the socket stays open and nothing answers (a hung Redis); resolves once a PING goes unanswered. */
  pause(): Promise<void>;
  /** SIGCONT. */
  resume(): void;
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
    stop: async () => {
      server?.signal("SIGCONT");
      await server?.stop(5_000);
    },
    pause: async () => {
      server?.signal("SIGSTOP");
      while (await redisAnswers(`redis://127.0.0.1:${port}`, 100));
    },
    resume: () => server?.signal("SIGCONT"),
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
