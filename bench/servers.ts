import path from "node:path";
import { ROOT, startNext, startVerifyServer, type NextServer } from "../tests/load/cluster/next-server";
import { startProcess, waitForHttp, type Managed } from "../tests/load/cluster/processes";
import { serverEnv } from "../tests/load/cluster/production-env";

// Bench ports: E2E_PORT_BASE (default 3300) + 0..3.
const base = Number(process.env.E2E_PORT_BASE ?? 3300);
export const BENCH_PORTS = { nextA: base, nextB: base + 1, verifyServer: base + 2, ceiling: base + 3 } as const;

export interface BenchServers {
  ceiling: { url: string; process: Managed };
  nextA: NextServer;
  nextB: NextServer;
  verifyServer: NextServer | null;
  stopAll(): Promise<void>;
}

export async function startBenchServers(databaseUrl: string): Promise<BenchServers> {
  const started: Managed[] = [];
  const env = serverEnv({ DATABASE_URL: databaseUrl });
  try {
    const ceilingProcess = startProcess("ceiling", process.execPath, [
      path.join(ROOT, "bench", "ceiling-server.mjs"),
      String(BENCH_PORTS.ceiling),
    ]);
    started.push(ceilingProcess);
    const ceilingUrl = `http://127.0.0.1:${BENCH_PORTS.ceiling}`;
    await waitForHttp(ceilingUrl, 10_000, ceilingProcess);
    const nextA = await startNext("next A", BENCH_PORTS.nextA, env);
    started.push(nextA.process);
    const nextB = await startNext("next B", BENCH_PORTS.nextB, env);
    started.push(nextB.process);
    let verifyServer: NextServer | null = null;
    try {
      verifyServer = await startVerifyServer("verify-server", BENCH_PORTS.verifyServer, env);
      started.push(verifyServer.process);
    } catch (error) {
      console.log(`Standalone verify server not measured: ${error instanceof Error ? error.message : error}`);
    }
    return {
      ceiling: { url: ceilingUrl, process: ceilingProcess },
      nextA,
      nextB,
      verifyServer,
      stopAll: () => stopAll(started),
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(processes: Managed[]): Promise<void> {
  await Promise.all(processes.map((managed) => managed.stop()));
}
