import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { healthReport } from "@/lib/health";
import { clientAddressOf, trustedProxies, type TrustFunction } from "@/lib/http/client-address";
import { endTrace, endTraceOnClose, startTrace, withRequestId, type RequestTrace } from "@/lib/server/request-log";
import { MAX_BODY_BYTES } from "@/lib/api/parse";
import { endWithTurn } from "@/lib/server/batched-answers";
import { verifyBodyTooLarge, type VerifyBodySource } from "./body";
import { handleVerifyHttp, type VerifyHttpResponse } from "./http";
import { onNodeBody } from "./node-body";
import { inStatusMode, statusModeOf } from "./status-mode";
import type { Verifier } from "./index";

// A lightweight verify server on bare node:http, for deployments where Next.js's per-request cost
// is the limit. Same lib/, same handleVerifyHttp, so the same JSON contract as the app:
//   POST /api/tokens/verify   GET /api/health

export interface VerifyServerOptions {
  verifier?: Verifier;
  /** Which sockets are trusted proxies whose X-Forwarded-For counts (default KEYSMITH_TRUSTED_PROXIES: none). */
  trust?: TrustFunction;
  /** Traces every request (request log, duration histogram, X-Request-Id on every answer: lib/server/request-log.ts). */
  traced?: boolean;
  /**
   * Runs first for every request (after the trace); true (or a promise of it) means it answered,
   * false that the server should (scripts/verify-server.ts: /livez, /readyz, /metrics).
   */
  intercept?: (req: IncomingMessage, res: ServerResponse, requestId: string | undefined) => boolean | Promise<boolean>;
}

/** Writes the status and headers now and the body with the turn's other answers (batched-answers.ts), then calls `then`. */
function sendJson(
  res: ServerResponse,
  requestId: string | undefined,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
  text: string = JSON.stringify(body),
  then?: (error?: unknown) => void,
): void {
  const all: Record<string, string | number> = {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  };
  if (headers) Object.assign(all, headers);
  res.writeHead(status, withRequestId(requestId, all));
  endWithTurn(res, text, then);
}

/** Whether the request asks for a verification (the one route both servers answer the same way). */
export function isVerifyRequest(req: IncomingMessage): boolean {
  return req.method === "POST" && (req.url ?? "/").split("?")[0] === "/api/tokens/verify";
}

/**
 * Answers POST /api/tokens/verify on Node's request and response: the verify server's route, the app
 * server's before Next.js (lib/server/app-server.ts) and a bare `next start`'s (lib/verify/pages-route.ts),
 * so all three give the same answers by construction.
 */
export function answerVerifyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  ip: string | null,
  options: { verifier?: Verifier; headers?: Record<string, string> } = {},
): Promise<void> {
  return new Promise((resolve, reject) =>
    respondToVerify(req, res, ip, undefined, options, (error) => (error === undefined ? resolve() : reject(error))),
  );
}

/**
 * The same without a promise of its own: `done` is called once the answer is written (or with the
 * error that kept it from being written). When the verifier answers at once (a cached key, a
 * malformed one), the answer is written at the end of the turn the body's last bytes arrive in.
 */
function respondToVerify(
  req: IncomingMessage,
  res: ServerResponse,
  ip: string | null,
  requestId: string | undefined,
  options: { verifier?: Verifier; headers?: Record<string, string> },
  done: (error?: unknown) => void,
): void {
  const asked = statusModeOf(req.url);
  // A refusal (400) is sent as it is in either mode: only verdicts change.
  const mode = "refused" in asked ? "verdict" : asked.mode;
  const send = (verdict: VerifyHttpResponse) => {
    try {
      const answer = inStatusMode(mode, verdict);
      const headers = options.headers ? { ...options.headers, ...answer.headers } : answer.headers;
      sendJson(res, requestId, answer.status, answer.body, headers, answer.text, done);
    } catch (error) {
      done(error);
    }
  };
  if ("refused" in asked) return send(asked.refused);
  // Runs in the request's 'end' event: nothing may be thrown from here (it would end the process).
  const verifyBody = (body: VerifyBodySource) => {
    let verdict;
    try {
      verdict = handleVerifyHttp({ headers: req.headers, body, ip }, options.verifier);
    } catch (error) {
      return done(error);
    }
    if (verdict instanceof Promise) verdict.then(send, done);
    else send(verdict);
  };
  // A body that cannot be read (too large, the client gone) is handed on as a rejection: the
  // verification answers it as it answers any other failure (413, or nothing to a closed socket).
  onNodeBody(req, MAX_BODY_BYTES, verifyBodyTooLarge, verifyBody, (error) => verifyBody(Promise.reject(error)));
}

async function route(req: IncomingMessage, res: ServerResponse, requestId: string | undefined): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/api/health" && (req.method === "GET" || req.method === "HEAD")) {
    const report = await healthReport();
    return sendJson(res, requestId, report.httpStatus, report.body);
  }
  sendJson(res, requestId, 404, { error: { code: "NOT_FOUND", message: "Not found." } });
}

export function createVerifyServer(options: VerifyServerOptions = {}): Server {
  const fail = (res: ServerResponse, requestId: string | undefined) => {
    if (!res.headersSent)
      sendJson(res, requestId, 500, { error: { code: "INTERNAL", message: "Something went wrong on our side; try again." } });
    else res.destroy();
  };
  const trust = options.trust ?? trustedProxies();
  /**
   * A verification goes straight to its answer (no promise on the way when the verifier needs none)
   * and ends `trace`, when given, as it writes.
   */
  const verify = (req: IncomingMessage, res: ServerResponse, requestId: string | undefined, trace?: RequestTrace) => {
    respondToVerify(req, res, clientAddressOf(req, trust), requestId, { verifier: options.verifier }, (error) => {
      if (error !== undefined) fail(res, requestId);
      // Not destroyed: the answer went to a client still there.
      if (trace) endTrace(trace, req, res, !res.destroyed);
    });
  };
  /**
   * Answers what the intercept left. `trace`, when given, is still to be ended: a verification ends
   * it as it writes; anything else (health, not found: rare) when its response closes.
   */
  const answer = (req: IncomingMessage, res: ServerResponse, requestId: string | undefined, trace?: RequestTrace) => {
    if (isVerifyRequest(req)) return verify(req, res, requestId, trace);
    if (trace) endTraceOnClose(trace, req, res);
    void route(req, res, requestId).catch(() => fail(res, requestId));
  };
  return createServer((req, res) => {
    const trace = options.traced ? startTrace("verify", req) : undefined;
    const requestId = trace?.requestId;
    const answered = options.intercept ? options.intercept(req, res, requestId) : false;
    if (answered === false) return answer(req, res, requestId, trace);
    // The intercept answers, or will say whether it does: recorded when the response closes, whoever writes it.
    if (trace) endTraceOnClose(trace, req, res);
    if (answered !== true) answered.then((done) => (done ? undefined : answer(req, res, requestId))).catch(() => fail(res, requestId));
  });
}
