import type { Session } from "@/lib/auth/types";
import { startNext, type NextServer } from "./next-server";
import type { ThrowawayPostgres } from "./postgres";
import type { ThrowawayRedis } from "./redis";

/** Everything the scenarios run against; all of it belongs to this run and is torn down after. */
export interface LoadCluster {
  postgres: ThrowawayPostgres;
  redis: ThrowawayRedis;
  instances: { a: NextServer; b: NextServer };
  /** The standalone verify server (npm run verify-server) on the same database, when the project has one. */
  verifyServer: NextServer | null;
  serverEnv: NodeJS.ProcessEnv;
  /** The owner the load process acts as through lib/ (same organisation as `cookie`). */
  session: Session;
  /** A local-mode session cookie of the same owner, for the HTTP API. */
  cookie: string;
  usageFlushMs: number;
}

/** Every server answering POST /api/tokens/verify. */
export function verifyTargets(cluster: LoadCluster): string[] {
  return [cluster.instances.a.url, cluster.instances.b.url, ...(cluster.verifyServer ? [cluster.verifyServer.url] : [])];
}

export async function restartInstance(cluster: LoadCluster, which: "a" | "b"): Promise<NextServer> {
  const old = cluster.instances[which];
  await old.process.stop();
  const fresh = await startNext(`next ${which.toUpperCase()}`, old.port, cluster.serverEnv);
  cluster.instances[which] = fresh;
  return fresh;
}
