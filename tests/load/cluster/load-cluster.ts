import type { Session } from "@/lib/auth/types";
import { startNext, type NextServer } from "./next-server";
import type { ThrowawayPostgres } from "./postgres";
import type { ThrowawayRedis } from "./redis";

/** Everything the scenarios run against; all of it belongs to this run and is torn down after. */
export interface LoadCluster {
  postgres: ThrowawayPostgres;
  redis: ThrowawayRedis;
  instances: { a: NextServer; b: NextServer };
  serverEnv: NodeJS.ProcessEnv;
  /** The owner the load process acts as through lib/ (same organisation as `cookie`). */
  session: Session;
  /** A local-mode session cookie of the same owner, for the HTTP API. */
  cookie: string;
  usageFlushMs: number;
}

export async function restartInstance(cluster: LoadCluster, which: "a" | "b"): Promise<NextServer> {
  const old = cluster.instances[which];
  await old.process.stop();
  const fresh = await startNext(`next ${which.toUpperCase()}`, old.port, cluster.serverEnv);
  cluster.instances[which] = fresh;
  return fresh;
}
