import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestLog } from "@/lib/log";
import { metrics } from "@/lib/metrics";

// One log line per request (method, path, status, duration, request id) and the request-duration
// histogram. The path has no query string, and headers are not logged: keys travel in headers or
// bodies, never in paths (and lib/log.ts censors anything key-shaped that slips into a line).

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const REQUEST_ID_OF = Symbol("keysmith.requestId");

type TracedResponse = ServerResponse & { [REQUEST_ID_OF]?: string };

/**
 * Starts timing a request: echoes (or creates) its X-Request-Id and logs it when the response ends.
 * With `headerSetBy: "writer"` the id is not set on the response (res.setHeader sends Node's
 * writeHead down its slow path, a merge of two header sets: a few µs per request on the verify
 * server); whatever writes the response must then send its headers through withRequestId(res, …).
 */
export function traceRequest(
  server: "app" | "verify",
  req: IncomingMessage,
  res: ServerResponse,
  options: { headerSetBy?: "trace" | "writer" } = {},
): void {
  const started = performance.now();
  const offered = req.headers["x-request-id"];
  const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
  if (options.headerSetBy === "writer") (res as TracedResponse)[REQUEST_ID_OF] = requestId;
  else res.setHeader("x-request-id", requestId);
  res.once("close", () => {
    const seconds = (performance.now() - started) / 1000;
    const status = res.writableFinished ? res.statusCode : 499;
    metrics().httpSeconds.observe({ server, method: req.method ?? "", status: String(status) }, seconds);
    requestLog.info(
      { requestId, method: req.method, path: (req.url ?? "/").split("?")[0], status, durationMs: Math.round(seconds * 10_000) / 10 },
      "request",
    );
  });
}

/** `headers` with the X-Request-Id a writer must send itself (traceRequest with headerSetBy: "writer"). */
export function withRequestId<H extends Record<string, string | number>>(res: ServerResponse, headers: H): H {
  const requestId = (res as TracedResponse)[REQUEST_ID_OF];
  return requestId === undefined ? headers : { ...headers, "x-request-id": requestId };
}
