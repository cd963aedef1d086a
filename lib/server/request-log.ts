import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestLog } from "@/lib/log";
import { metrics } from "@/lib/metrics";

// One log line per request (method, path, status, duration, request id) and the request-duration
// histogram. The path has no query string, and headers are not logged: keys travel in headers or
// bodies, never in paths (and lib/log.ts censors anything key-shaped that slips into a line).

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Starts timing a request: echoes (or creates) its X-Request-Id and logs it when the response ends.
 * Returns the id. With `headerSetBy: "writer"` the id is not set on the response (res.setHeader
 * sends Node's writeHead down its slow path, a merge of two header sets: a few µs per request on
 * the verify server); whatever writes the response must then send it (withRequestId). The id is
 * handed on as a value, never stored on the request or response: a property added to Node's own
 * objects changes their shape, and cost the verify server 8–30 µs per request in Node's HTTP code.
 */
export function traceRequest(
  server: "app" | "verify",
  req: IncomingMessage,
  res: ServerResponse,
  options: { headerSetBy?: "trace" | "writer" } = {},
): string {
  const started = performance.now();
  const offered = req.headers["x-request-id"];
  const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
  if (options.headerSetBy !== "writer") res.setHeader("x-request-id", requestId);
  res.once("close", () => {
    const seconds = (performance.now() - started) / 1000;
    const status = res.writableFinished ? res.statusCode : 499;
    metrics().httpSeconds.observe({ server, method: req.method ?? "", status: String(status) }, seconds);
    if (!requestLog.isLevelEnabled("info")) return; // the line's fields are not even built
    requestLog.info(
      { requestId, method: req.method, path: (req.url ?? "/").split("?")[0], status, durationMs: Math.round(seconds * 10_000) / 10 },
      "request",
    );
  });
  return requestId;
}

/** Adds the X-Request-Id a writer sends itself (traceRequest with headerSetBy: "writer"), when there is one, to the writer's own `headers`. */
export function withRequestId<H extends Record<string, string | number>>(requestId: string | undefined, headers: H): H {
  if (requestId !== undefined) (headers as Record<string, string | number>)["x-request-id"] = requestId;
  return headers;
}
