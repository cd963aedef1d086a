import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { config } from "@/lib/config";
import { readinessReport } from "@/lib/health";
import { metrics } from "@/lib/metrics";
import { metricsText } from "@/lib/metrics/cluster";
import { withRequestId } from "./request-log";

// Operational endpoints of both servers, answered before the application (and before the Host
// check: probes and scrapers address the instance itself, by its IP):
//   GET /livez    200 while the process serves (restart it when this fails)
//   GET /readyz   200 when it should get traffic; 503 while draining or without the database
//   GET /metrics  Prometheus text, with `Authorization: Bearer $KEYSMITH_METRICS_TOKEN`; 404 unset

export interface OpsState {
  /** True from the shutdown signal on: readiness fails so load balancers stop sending. */
  draining: boolean;
}

function send(
  res: ServerResponse,
  requestId: string | undefined,
  status: number,
  body: string,
  contentType = "application/json",
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, withRequestId(requestId, { "content-type": contentType, "cache-control": "no-store", ...headers }));
  res.end(body);
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request carries the metrics token (compared in constant time). */
function mayScrape(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const offered = header.startsWith("Bearer ") ? header.slice(7) : "";
  return timingSafeEqual(digest(offered), digest(token));
}

/**
 * Answers an operational request and resolves true, or says false for the application to answer:
 * at once (no promise, no turn of the event loop) for every request that is not a GET or HEAD,
 * such as each verification. `requestId`: the X-Request-Id to send, when the caller traces the
 * request without setting it on the response (startTrace, as the verify server does).
 */
export function serveOps(req: IncomingMessage, res: ServerResponse, state: OpsState, requestId?: string): false | Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  return answerOps(req, res, state, requestId);
}

async function answerOps(req: IncomingMessage, res: ServerResponse, state: OpsState, requestId: string | undefined): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/livez") {
    send(res, requestId, 200, '{"status":"live"}');
    return true;
  }
  if (path === "/readyz") {
    const report = await readinessReport(state.draining);
    send(res, requestId, report.ready ? 200 : 503, JSON.stringify({ status: report.ready ? "ready" : "not ready", ...report.checks }));
    return true;
  }
  if (path === "/metrics") {
    const token = config().KEYSMITH_METRICS_TOKEN;
    if (!token) return false;
    if (!mayScrape(req, token)) {
      send(
        res,
        requestId,
        401,
        '{"error":{"code":"UNAUTHENTICATED","message":"Send Authorization: Bearer <KEYSMITH_METRICS_TOKEN>."}}',
        "application/json",
        {
          "www-authenticate": 'Bearer realm="metrics"',
        },
      );
      return true;
    }
    send(res, requestId, 200, await metricsText(), metrics().registry.contentType);
    return true;
  }
  return false;
}
