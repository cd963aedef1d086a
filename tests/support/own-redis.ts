import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { Redis } from "ioredis";

// A redis-server of the test's own on a free port: a test may pause (SIGSTOP) or stop it without
// touching the shared one on 6379.

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface OwnRedis {
  url: string;
  process: ChildProcess;
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

/** Whether a fresh connection gets PONG within `ms`. */
export async function redisAnswers(url: string, ms: number): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    connectTimeout: ms,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  try {
    const pong = await Promise.race([probe.connect().then(() => probe.ping()), new Promise((resolve) => setTimeout(resolve, ms, null))]);
    return pong === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  while (!(await redisAnswers(url, 200))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
  }
  return {
    url,
    process: child,
    pause: async () => {
      child.kill("SIGSTOP");
      // Paused means: a PING is not answered.
      while (await redisAnswers(url, 100));
    },
    resume: () => {
      child.kill("SIGCONT");
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGCONT");
      child.kill("SIGKILL");
      await once(child, "exit");
    },
  };
}
