import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyKey } from "@/lib/api/operations/keys";
import { clientAddressOf, trustedProxies, type TrustFunction } from "@/lib/http/client-address";
import { machineRouteSecurityHeaders } from "@/lib/http/security-headers";
import { answerVerifyRequest } from "./server";

// POST /api/tokens/verify under a bare `next start` (pages/api/tokens/verify.ts). A Pages Router API
// route gets Node's request and response as they are, so the verify server's own code answers: the
// same bytes as the verify server and `npm start` (which answers before Next.js), the caller's
// address from the socket and KEYSMITH_TRUSTED_PROXIES, and none of the App Router's web Request,
// Response and stream machinery — an App Router handler costs ~2.5× as much per request on
// Next.js 16 (docs/benchmarks.md).

/** Settings a running production server keeps (lib/config freezeConfig), so read once. */
let fixed: { trust: TrustFunction; headers: Record<string, string> } | null = null;

const ALLOWED = `OPTIONS, ${verifyKey.method}`;

export function answerVerifyOnNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  fixed ??= { trust: trustedProxies(), headers: machineRouteSecurityHeaders() };
  if (req.method !== verifyKey.method) {
    // What Next.js answers for a route handler's missing method: OPTIONS lists the methods, anything else is 405.
    res.writeHead(req.method === "OPTIONS" ? 204 : 405, { ...fixed.headers, Allow: ALLOWED, "Cache-Control": "no-store" }).end();
    return Promise.resolve();
  }
  return answerVerifyRequest(req, res, clientAddressOf(req, fixed.trust), { headers: fixed.headers });
}
