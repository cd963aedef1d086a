import { Webhook } from "standardwebhooks";
import { recordAudit } from "@/lib/audit/record";
import { systemAuditContext } from "@/lib/audit/context";
import { db } from "@/lib/db/client";
import { FetchRefused, guardedFetch, type GuardedFetchOptions } from "@/lib/net/guarded-fetch";
import { log } from "@/lib/log";
import { eventPayload } from "./events";
import {
  CLAIM_LEASE_SECONDS,
  DELIVERY_TIMEOUT_MS,
  DISABLE_AFTER_CONSECUTIVE_FAILURES,
  DISABLE_AFTER_FAILING_SECONDS,
  RETRY_WINDOW_SECONDS,
  retryDelaySeconds,
} from "./schedule";
import { openWebhookSecret } from "./secret";

// The delivery worker. Any number of instances may run it: a tick claims due deliveries with
// FOR UPDATE SKIP LOCKED and, in the same statement, moves them a lease into the future, so no
// other worker sees them while this one sends. The outcome is written only if the row is still
// this claim's (attempts unchanged). A worker that dies mid-send leaves the row to be claimed again
// when the lease ends: delivery is at least once, and the receiver dedupes by webhook-id.

export interface TickOptions {
  /** Deliveries claimed per tick. */
  batch?: number;
  /** Test hooks for the guarded fetch (DNS, CA). */
  fetch?: Omit<GuardedFetchOptions, "allowPrivate" | "method" | "body" | "headers">;
}

export interface TickResult {
  claimed: number;
  delivered: number;
  failed: number;
}

interface Claimed {
  id: string;
  eventId: string;
  endpointId: string;
  attempts: number;
}

const USER_AGENT = "Keysmith webhooks";
const ERROR_MAX = 500;

/** Claims due deliveries (exported for the crash test: a claim whose worker never reports back). */
export async function claimDue(batch: number): Promise<Claimed[]> {
  return db().$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" d
    SET attempts = d.attempts + 1, "nextAttemptAt" = now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})
    WHERE d.id IN (
      SELECT d2.id FROM "WebhookDelivery" d2 JOIN "WebhookEndpoint" w ON w.id = d2."endpointId"
      WHERE d2.status = 'pending' AND d2."nextAttemptAt" <= now() AND w."disabledAt" IS NULL
      ORDER BY d2."nextAttemptAt" LIMIT ${batch}
      FOR UPDATE OF d2 SKIP LOCKED)
    RETURNING d.id, d."eventId", d."endpointId", d.attempts`;
}

interface Outcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

async function send(claim: Claimed, options: TickOptions): Promise<Outcome> {
  const [event, endpoint] = await Promise.all([
    db().webhookEvent.findUniqueOrThrow({ where: { id: claim.eventId } }),
    db().webhookEndpoint.findUniqueOrThrow({
      where: { id: claim.endpointId },
      include: { org: { select: { allowPrivateRegistryHosts: true } } },
    }),
  ]);
  const payload = eventPayload(event);
  const started = performance.now();
  try {
    const signer = new Webhook(openWebhookSecret(endpoint));
    const timestamp = new Date();
    const response = await guardedFetch(endpoint.url, {
      ...options.fetch,
      allowPrivate: endpoint.org.allowPrivateRegistryHosts,
      method: "POST",
      body: payload,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxBytes: 256 * 1024,
      userAgent: USER_AGENT,
      headers: {
        "Content-Type": "application/json",
        "webhook-id": event.id,
        "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "webhook-signature": signer.sign(event.id, timestamp, payload),
      },
    });
    const durationMs = Math.round(performance.now() - started);
    const ok = response.status >= 200 && response.status <= 299;
    return { statusCode: response.status, durationMs, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const message = error instanceof FetchRefused ? error.message : error instanceof Error ? error.message : String(error);
    return { statusCode: null, durationMs, error: message.slice(0, ERROR_MAX) };
  }
}

/** Writes the attempt, schedules a retry or gives up, and keeps the endpoint's failure count. */
async function record(claim: Claimed, outcome: Outcome): Promise<"delivered" | "failed" | "stale"> {
  const ok = outcome.error === null;
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ orgId: string; retryable: boolean }[]>`
      SELECT w."orgId", d."createdAt" > now() - make_interval(secs => ${RETRY_WINDOW_SECONDS}) AS retryable
      FROM "WebhookDelivery" d JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
      WHERE d.id = ${claim.id}::uuid AND d.attempts = ${claim.attempts} AND d.status = 'pending'
      FOR UPDATE OF d, w`;
    // Another worker took it over after the lease ended: its outcome counts, not this one.
    if (!row) return "stale";
    await tx.webhookAttempt.create({
      data: {
        deliveryId: claim.id,
        attempt: claim.attempts,
        statusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        error: outcome.error,
      },
    });
    if (ok) {
      await tx.$executeRaw`UPDATE "WebhookDelivery" SET status = 'delivered', "deliveredAt" = now() WHERE id = ${claim.id}::uuid`;
      await tx.$executeRaw`UPDATE "WebhookEndpoint" SET "consecutiveFailures" = 0, "failingSince" = NULL WHERE id = ${claim.endpointId}::uuid`;
      return "delivered";
    }
    if (row.retryable) {
      await tx.$executeRaw`
        UPDATE "WebhookDelivery" SET "nextAttemptAt" = now() + make_interval(secs => ${retryDelaySeconds(claim.attempts)})
        WHERE id = ${claim.id}::uuid`;
    } else {
      await tx.$executeRaw`UPDATE "WebhookDelivery" SET status = 'failed' WHERE id = ${claim.id}::uuid`;
    }
    const [endpoint] = await tx.$queryRaw<{ disable: boolean; consecutiveFailures: number; url: string }[]>`
      UPDATE "WebhookEndpoint"
      SET "consecutiveFailures" = "consecutiveFailures" + 1, "failingSince" = COALESCE("failingSince", now())
      WHERE id = ${claim.endpointId}::uuid
      RETURNING "disabledAt" IS NULL AND ("consecutiveFailures" >= ${DISABLE_AFTER_CONSECUTIVE_FAILURES}
        OR "failingSince" <= now() - make_interval(secs => ${DISABLE_AFTER_FAILING_SECONDS})) AS disable,
        "consecutiveFailures", url`;
    if (endpoint?.disable) {
      const reason = `every delivery failed since the endpoint started failing (${endpoint.consecutiveFailures} in a row)`;
      await tx.$executeRaw`
        UPDATE "WebhookEndpoint" SET "disabledAt" = now(), "disabledReason" = ${reason} WHERE id = ${claim.endpointId}::uuid`;
      await recordAudit(tx, systemAuditContext(row.orgId), {
        action: "webhook.disable",
        targetType: "webhook",
        targetId: claim.endpointId,
        metadata: { url: endpoint.url, consecutiveFailures: endpoint.consecutiveFailures, lastError: outcome.error },
      });
      log.warn(
        { webhookId: claim.endpointId, consecutiveFailures: endpoint.consecutiveFailures },
        "webhook disabled after sustained failure",
      );
    }
    return "failed";
  });
}

/** One pass of the worker: claims due deliveries, sends them concurrently, records each outcome. */
export async function deliverDueWebhooks(options: TickOptions = {}): Promise<TickResult> {
  const claims = await claimDue(options.batch ?? 20);
  const results = await Promise.all(
    claims.map(async (claim) => {
      try {
        return await record(claim, await send(claim, options));
      } catch (error) {
        // E.g. the endpoint was deleted meanwhile; the others' outcomes are still recorded.
        log.error({ err: error, deliveryId: claim.id }, "webhook delivery could not be processed");
        return "stale" as const;
      }
    }),
  );
  return {
    claimed: claims.length,
    delivered: results.filter((result) => result === "delivered").length,
    failed: results.filter((result) => result === "failed").length,
  };
}
