import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { healthReport } from "@/lib/health";
import { clientAddressOf, trustedProxies, type TrustFunction } from "@/lib/http/client-address";
import { withRequestId } from "@/lib/server/request-log";
import { MAX_BODY_BYTES } from "@/lib/api/parse";
import { verifyBodyTooLarge } from "./body";
import { handleVerifyHttp } from "./http";
import { readNodeBody } from "./node-body";
import { inStatusMode, statusModeOf } from "./status-mode";
import type { Verifier } from "./index";

// A lightweight verify server on bare node:http, for deployments where Next.js's per-request cost
// is the limit. Same lib/, same handleVerifyHttp, so the same JSON contract as the app:
//   POST /api/tokens/verify   GET /api/health

export interface VerifyServerOptions {
  verifier?: Verifier;
  /** Which sockets are trusted proxies whose X-Forwarded-For counts (default KEYSMITH_TRUSTED_PROXIES: none). */
  trust?: TrustFunction;
  /**
   * Runs first for every request; true (or a promise of it) means it answered, false that the
   * server should (scripts/verify-server.ts: logs, /livez, /metrics).
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(
    status,
    withRequestId(res, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      "Cache-Control": "no-store",
      ...headers,
    }),
  );
  res.end(text);
}

/** Whether the request asks for a verification (the one route both servers answer the same way). */
export function isVerifyRequest(req: IncomingMessage): boolean {
  return req.method === "POST" && (req.url ?? "/").split("?")[0] === "/api/tokens/verify";
}

/**
 * Answers POST /api/tokens/verify on bare node:http: the verify server's route, and the app server's
 * before Next.js (lib/server/app-server.ts), so both give the same answers by construction.
 */
export async function answerVerifyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  ip: string | null,
  options: { verifier?: Verifier; headers?: Record<string, string> } = {},
): Promise<void> {
  const asked = statusModeOf(req.url);
  if ("refused" in asked) return sendJson(res, asked.refused.status, asked.refused.body, { ...options.headers, ...asked.refused.headers });
  const verdict = await handleVerifyHttp(
    { headers: req.headers, body: readNodeBody(req, MAX_BODY_BYTES, verifyBodyTooLarge), ip },
    options.verifier,
  );
  const answer = inStatusMode(asked.mode, verdict);
  sendJson(res, answer.status, answer.body, { ...options.headers, ...answer.headers });
}

async function route(req: IncomingMessage, res: ServerResponse, options: VerifyServerOptions): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (isVerifyRequest(req)) {
    return answerVerifyRequest(req, res, clientAddressOf(req, options.trust ?? trustedProxies()), { verifier: options.verifier });
  }
  if (path === "/api/health" && (req.method === "GET" || req.method === "HEAD")) {
    const report = await healthReport();
    return sendJson(res, report.httpStatus, report.body);
  }
  sendJson(res, 404, { error: { code: "NOT_FOUND", message: "Not found." } });
}

export function createVerifyServer(options: VerifyServerOptions = {}): Server {
  const fail = (res: ServerResponse) => {
    if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "Something went wrong on our side; try again." } });
    else res.destroy();
  };
  return createServer((req, res) => {
    const answered = options.intercept ? options.intercept(req, res) : false;
    // A verification goes straight to its route: no promise in between when nothing intercepts it.
    if (answered === false) route(req, res, options).catch(() => fail(res));
    else if (answered !== true) {
      answered.then((done) => (done ? undefined : route(req, res, options))).catch(() => fail(res));
    }
  });
}
