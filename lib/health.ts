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
    degraded.push(`clock: this host's clock is ${Math.round(clock!.skewMs / 1000)} s off the database's (max ${MAX_CLOCK_SKEW_MS / 1000} s); retention is paused`);
  }
  const skew = clock ? { clockSkewMs: clock.skewMs } : {};
  return { httpStatus: 200, body: degraded.length > 0 ? { status: "degraded", degraded, ...skew } : { status: "ok", ...skew } };
}
