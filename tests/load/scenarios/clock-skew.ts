import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/service";
import { faketimeAvailable, skewedClockEnv } from "../cluster/faketime";
import type { LoadCluster } from "../cluster/load-cluster";
import { startNext, type NextServer } from "../cluster/next-server";
import { freePort } from "../cluster/ports";
import { healthOf, waitFor } from "../support/health";
import { verifyOverHttp } from "../support/verify-client";
import type { ScenarioResult } from "../summary";

type TimeColumn = "expiresAt" | "notBefore" | "revokesAt";

/**
 * Two extra `next start` instances on the cluster's database whose own clocks are wrong (libfaketime):
 * one 60 days fast, running the key jobs every 500 ms, one 90 s slow. The database's clock must
 * decide everything: nothing valid deleted, nothing expired or revoked accepted, nothing valid early,
 * the skew on /api/health, and retention refusing to delete.
 */
export async function clockSkew(cluster: LoadCluster, portRange: [number, number]): Promise<ScenarioResult> {
  if (!faketimeAvailable()) {
    return {
      scenario: "9. instance clocks skewed (+60 d, −90 s)",
      requests: 0,
      wrong: 0,
      unavailable: 0,
      notes: [],
      violations: ["libfaketime is not installed (apt-get install faketime)"],
    };
  }
  const key = async (name: string, column?: TimeColumn, seconds?: number, expiresInDays?: 7) => {
    const created = await createKey(cluster.session, { name, rateLimitPerMinute: 1_000_000, ...(expiresInDays ? { expiresInDays } : {}) });
    if (column)
      await db().$executeRawUnsafe(
        `UPDATE "ApiKey" SET "${column}" = now() + make_interval(secs => $2) WHERE id = $1::uuid`,
        created.key.id,
        seconds,
      );
    return { id: created.key.id, rawKey: created.rawKey };
  };
  const validForAWeek = await key("valid for 7 days", undefined, undefined, 7);
  const expiredLongAgo = await key("expired 40 days ago", "expiresAt", -40 * 86_400);
  const expiredJustNow = await key("expired 30 s ago", "expiresAt", -30);
  const graceEnded = await key("rotation grace ended 30 s ago", "revokesAt", -30);
  const notYet = await key("valid in 30 s", "notBefore", 30);

  const servers: NextServer[] = [];
  const violations: string[] = [];
  const notes: string[] = [];
  let requests = 0;
  let wrong = 0;
  try {
    const portFast = await freePort(...portRange);
    const portSlow = await freePort(...portRange, new Set([portFast]));
    const fast = await startNext("next +60d", portFast, {
      ...cluster.serverEnv,
      ...skewedClockEnv("+60d"),
      KEYSMITH_JOBS_INTERVAL_MS: "500",
      LOG_LEVEL: "info",
    });
    servers.push(fast);
    const slow = await startNext("next -90s", portSlow, { ...cluster.serverEnv, ...skewedClockEnv("-90s") });
    servers.push(slow);

    const expect = async (server: NextServer, label: string, rawKey: string, code: string) => {
      const answer = await verifyOverHttp(server.url, rawKey);
      requests++;
      const ok = answer.status === 200 && answer.code === code;
      if (!ok) {
        wrong++;
        violations.push(`${label}: ${server.process.name} answered ${answer.status} ${answer.code}, expected ${code}`);
      }
      return `${label} → ${answer.code ?? answer.status}`;
    };
    notes.push(
      [
        await expect(fast, "valid for 7 days", validForAWeek.rawKey, "VALID"),
        await expect(fast, "valid in 30 s", notYet.rawKey, "NOT_YET_VALID"),
        await expect(fast, "expired 30 s ago", expiredJustNow.rawKey, "EXPIRED"),
      ].join("; ") + " (60 days fast)",
      [
        await expect(slow, "rotation grace ended 30 s ago", graceEnded.rawKey, "REVOKED"),
        await expect(slow, "expired 30 s ago", expiredJustNow.rawKey, "EXPIRED"),
        await expect(slow, "valid for 7 days", validForAWeek.rawKey, "VALID"),
      ].join("; ") + " (90 s slow)",
    );

    // The status filters, on the slow instance (on the fast one the session itself counts as expired:
    // local sessions still use the instance's clock — see docs/load-tests.md).
    const listed = async (status: string) => {
      const response = await fetch(`${slow.url}/api/tokens?status=${status}&pageSize=100`, { headers: { cookie: cluster.cookie } });
      requests++;
      const body = (await response.json()) as { data?: { id: string }[] };
      return new Set((body.data ?? []).map((k) => k.id));
    };
    const expiredIds = await listed("expired");
    const revokedIds = await listed("revoked");
    if (!expiredIds.has(expiredJustNow.id) || expiredIds.has(validForAWeek.id) || !revokedIds.has(graceEnded.id)) {
      wrong++;
      violations.push("the 90-s-slow instance's status filters (expired, revoked) did not follow the database's clock");
    }
    notes.push(
      `status filters on the 90 s slow instance: expired lists "expired 30 s ago": ${expiredIds.has(expiredJustNow.id)}; revoked lists "rotation grace ended 30 s ago": ${revokedIds.has(graceEnded.id)}`,
    );

    const health = await Promise.all([fast, slow].map((server) => healthOf(server.url)));
    notes.push(`health: +60d ${JSON.stringify(health[0])}; -90s ${JSON.stringify(health[1])}`);
    for (const [label, h, min] of [
      ["+60d", health[0], 59 * 86_400_000],
      ["-90s", health[1], 80_000],
    ] as const) {
      if (h?.status !== "degraded" || Math.abs(h.clockSkewMs ?? 0) < min)
        violations.push(`${label} instance's health does not report its skew as degraded: ${JSON.stringify(h)}`);
    }

    const refused = await waitFor(async () => fast.process.output().includes("Retention did not delete anything"), 20_000);
    if (!refused) violations.push("the 60-days-fast instance's retention job never refused to delete");
    const left = await db().apiKey.count({ where: { id: { in: [validForAWeek.id, expiredLongAgo.id, expiredJustNow.id] } } });
    if (left !== 3) violations.push(`${3 - left} keys deleted by an instance whose clock is 60 days fast`);
    notes.push(
      `retention on the 60-days-fast instance (every 500 ms): refused with the skew: ${refused ? "yes" : "NO"}; keys still there: ${left} of 3`,
    );
    return { scenario: "9. instance clocks skewed (+60 d, −90 s)", requests, wrong, unavailable: 0, notes, violations };
  } finally {
    await Promise.all(servers.map((server) => server.process.stop()));
  }
}
