import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestLog } from "@/lib/log";
import { metrics } from "@/lib/metrics";

// One log line per request (method, path, status, duration, request id) and the request-duration
// histogram. The path has no query string, and headers are not logged: keys travel in headers or
// bodies, never in paths (and lib/log.ts censors anything key-shaped that slips into a line).

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A request being timed: its X-Request-Id and when it started. */
export interface RequestTrace {
  readonly server: "app" | "verify";
  readonly requestId: string;
  readonly started: number;
}

/** Starts timing a request: takes its X-Request-Id when it offers a sensible one, else makes one. */
export function startTrace(server: "app" | "verify", req: IncomingMessage): RequestTrace {
  const offered = req.headers["x-request-id"];
  const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
  return { server, requestId, started: performance.now() };
}

/**
 * Records a request: the duration histogram and its log line. `answered` false: the client left
 * before its answer could be sent (status 499).
 */
export function endTrace(trace: RequestTrace, req: IncomingMessage, res: ServerResponse, answered: boolean): void {
  const seconds = (performance.now() - trace.started) / 1000;
  const status = answered ? res.statusCode : 499;
  metrics().httpSeconds.observe({ server: trace.server, method: req.method ?? "", status: String(status) }, seconds);
  if (!requestLog.isLevelEnabled("info")) return; // the line's fields are not even built
  requestLog.info(
    {
      requestId: trace.requestId,
      method: req.method,
      path: (req.url ?? "/").split("?")[0],
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
    },
    "request",
  );
}

/** Records the request when its response closes (sent, or cut short). */
export function endTraceOnClose(trace: RequestTrace, req: IncomingMessage, res: ServerResponse): void {
  res.once("close", () => endTrace(trace, req, res, res.writableFinished));
}

/**
 * Starts timing a request, sets its X-Request-Id on the response and records it when the response
 * closes; returns the id. The id is handed on as a value, never stored on the request or response:
 * a property added to Node's own objects changes their shape, and cost the verify server 8–30 µs
 * per request in Node's HTTP code. The verify server calls startTrace and endTrace itself instead:
 * res.setHeader sends Node's writeHead down its slow path (a merge of two header sets), and a
 * 'close' listener per request cost it 2–5 µs.
 */
export function traceRequest(server: "app" | "verify", req: IncomingMessage, res: ServerResponse): string {
  const trace = startTrace(server, req);
  res.setHeader("x-request-id", trace.requestId);
  endTraceOnClose(trace, req, res);
  return trace.requestId;
}

/** Adds the X-Request-Id a writer sends itself (startTrace without traceRequest), when there is one, to the writer's own `headers`. */
export function withRequestId<H extends Record<string, string | number>>(requestId: string | undefined, headers: H): H {
  if (requestId !== undefined) (headers as Record<string, string | number>)["x-request-id"] = requestId;
  return headers;
}
