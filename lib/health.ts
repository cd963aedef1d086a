import { db } from "@/lib/db/client";
import { breakerFor } from "@/lib/verify/redis-breaker";
import { redisFromEnv } from "@/lib/verify/redis";

// GET /api/health on both servers. 503 only when the database does not answer (nothing works
// without it); "degraded" (still 200: the instance serves) names what works in a reduced way.

export type Health =
  | { status: "ok" }
  | { status: "degraded"; degraded: string[] }
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
  return { httpStatus: 200, body: degraded.length > 0 ? { status: "degraded", degraded } : { status: "ok" } };
}
