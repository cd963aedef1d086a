import type { IncomingMessage, ServerResponse } from "node:http";
import { normaliseIp } from "@/lib/http/client-ip";
import { apiKeyFromHeaders } from "./credentials";
import { denialFor, missingKeyDenial, unavailableDenial, type Denial } from "./denial";
import { rateLimitHeaders } from "./headers";
import { defaultVerifier, type Verifier } from "./index";
import { VerificationUnavailableError, type VerifyResult } from "./result";

export interface ApiKeyMiddlewareOptions {
  scopes?: readonly string[];
  verifier?: Verifier;
  /** The client address for the failed-attempt limit (default: the socket's peer address). */
  clientIp?: (req: IncomingMessage) => string | null;
}

export type ApiKeyRequest = IncomingMessage & { apiKey?: VerifyResult };
export type NextFunction = (error?: unknown) => void;

function send(res: ServerResponse, denial: Denial): void {
  res.writeHead(denial.status, { ...denial.headers, "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(denial.body));
}

/**
 * Connect/Express-style middleware for plain Node services: verifies the request's API key and
 * sets `req.apiKey`, or answers 401/403/429/503 itself with the same JSON as the Next wrapper.
 */
export function apiKeyMiddleware(options: ApiKeyMiddlewareOptions = {}) {
  const scopes = options.scopes ?? [];
  const ipOf = options.clientIp ?? ((req: IncomingMessage) => normaliseIp(req.socket.remoteAddress));
  return (req: ApiKeyRequest, res: ServerResponse, next: NextFunction): void => {
    const rawKey = apiKeyFromHeaders(req.headers);
    if (!rawKey) return send(res, missingKeyDenial());
    (options.verifier ?? defaultVerifier())
      .verify(rawKey, { scopes, ip: ipOf(req) })
      .then((result) => {
        const denied = denialFor(result, scopes);
        if (denied) return send(res, denied);
        for (const [name, value] of Object.entries(rateLimitHeaders(result.ratelimit, false))) res.setHeader(name, value);
        req.apiKey = result;
        next();
      })
      .catch((error: unknown) => {
        if (error instanceof VerificationUnavailableError) return send(res, unavailableDenial());
        next(error);
      });
  };
}
