import { db } from "@/lib/db/client";
import { dbClock, MAX_CLOCK_SKEW_MS, skewTooLarge } from "@/lib/db/db-clock";
import { breakerFor } from "@/lib/verify/redis-breaker";
import { redisFromEnv } from "@/lib/verify/redis";

// GET /api/health on both servers. 503 only when the database does not answer (nothing works
// without it); "degraded" (still 200: the instance serves) names what works in a reduced way.
// clockSkewMs: this host's clock minus the database's, as last measured (lib/jobs/clock-watch.ts).

export type Health =
  | { status: "ok"; clockSkewMs?: number }
  | { status: "degraded"; degraded: string[]; clockSkewMs?: number }
  | { status: "unavailable"; reason: string };

export async function healthReport(): Promise<{ httpStatus: number; body: Health }> {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    return { httpStatus: 503, body: { status: "unavailable", reason: "database" } };
  }
  const degraded: string[] = [];
  const redis = redisFromEnv();
  const bypass = redis ? breakerFor(redis).degradation : null;
  if (bypass) degraded.push(`redis: bypassed since ${bypass.since.toISOString()} (${bypass.reason}); rate limits count per instance`);
  const clock = dbClock().reading;
  if (skewTooLarge(clock)) {
    degraded.push(
      `clock: this host's clock is ${Math.round(clock!.skewMs / 1000)} s off the database's (max ${MAX_CLOCK_SKEW_MS / 1000} s); retention is paused`,
    );
  }
  const skew = clock ? { clockSkewMs: clock.skewMs } : {};
  return { httpStatus: 200, body: degraded.length > 0 ? { status: "degraded", degraded, ...skew } : { status: "ok", ...skew } };
}

// GET /readyz (lib/server/ops-routes.ts): whether this instance should receive traffic. Not ready
// while draining for a shutdown or while the database does not answer. Redis, when configured, is
// checked and reported, but does not make the instance unready: without it rate limits count per
// instance (the breaker in lib/verify/redis-breaker.ts), and an outage of a shared Redis must not
// take every instance out of the load balancer at once.

export interface Readiness {
  ready: boolean;
  checks: { database: "ok" | "failing"; redis?: "ok" | "failing (rate limits count per instance)"; shutdown?: "draining" };
}

const REDIS_PING_MS = 500;

export async function readinessReport(draining: boolean): Promise<Readiness> {
  const checks: Readiness["checks"] = { database: "ok" };
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    checks.database = "failing";
  }
  const redis = redisFromEnv();
  if (redis) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), REDIS_PING_MS)));
    checks.redis = await Promise.race([redis.ping(), deadline]).then(
      () => "ok" as const,
      () => "failing (rate limits count per instance)" as const,
    );
    clearTimeout(timer);
  }
  if (draining) checks.shutdown = "draining";
  return { ready: checks.database === "ok" && !draining, checks };
}
