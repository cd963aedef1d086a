import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { db } from "@/lib/db/client";
import { normaliseIp } from "@/lib/http/client-ip";
import { MAX_BODY_BYTES } from "@/lib/api/parse";
import { handleVerifyHttp } from "./http";
import { inStatusMode, statusModeOf } from "./status-mode";
import type { Verifier } from "./index";

// A lightweight verify server on bare node:http, for deployments where Next.js's per-request cost
// is the limit. Same lib/, same handleVerifyHttp, so the same JSON contract as the app:
//   POST /api/tokens/verify   GET /api/health

export interface VerifyServerOptions {
  verifier?: Verifier;
  /** Use X-Forwarded-For for the client address (only behind a proxy that sets it). */
  trustProxy?: boolean;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-store", ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, stop collecting; the handler answers 413 for the oversized text.
      if (size <= MAX_BODY_BYTES + 1) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function ipOf(req: IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return normaliseIp(first ?? req.socket.remoteAddress);
}

async function route(req: IncomingMessage, res: ServerResponse, options: VerifyServerOptions): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/api/tokens/verify" && req.method === "POST") {
    const asked = statusModeOf(req.url);
    if ("refused" in asked) return sendJson(res, asked.refused.status, asked.refused.body, asked.refused.headers);
    const verdict = await handleVerifyHttp(
      { headers: req.headers, body: await readBody(req), ip: ipOf(req, options.trustProxy ?? false) },
      options.verifier,
    );
    const answer = inStatusMode(asked.mode, verdict);
    return sendJson(res, answer.status, answer.body, answer.headers);
  }
  if (path === "/api/health" && (req.method === "GET" || req.method === "HEAD")) {
    try {
      await db().$queryRaw`SELECT 1`;
      return sendJson(res, 200, { status: "ok" });
    } catch {
      return sendJson(res, 503, { status: "unavailable", reason: "database" });
    }
  }
  sendJson(res, 404, { error: { code: "NOT_FOUND", message: "Not found." } });
}

export function createVerifyServer(options: VerifyServerOptions = {}): Server {
  return createServer((req, res) => {
    route(req, res, options).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "Something went wrong on our side; try again." } });
      else res.destroy();
    });
  });
}
