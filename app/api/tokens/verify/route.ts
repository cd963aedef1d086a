import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { applySecurityHeaders } from "@/lib/http/security-headers";
import { handleVerifyHttp, type VerifyHttpResponse } from "@/lib/verify/http";
import { inStatusMode, statusModeOf } from "@/lib/verify/status-mode";

export const dynamic = "force-dynamic";

/**
 * Public: services call it with the key to check, no session and no Origin check. 200 with the
 * verdict in the body (lib/verify/http.ts), or the verdict as the status with `?status=http`
 * (lib/verify/status-mode.ts). It is outside the proxy (proxy.ts), so it sets
 * the security headers itself.
 */
export async function POST(request: NextRequest) {
  const response = await answer(request);
  applySecurityHeaders(response.headers, { withCsp: true });
  return response;
}

async function answer(request: NextRequest): Promise<Response> {
  const asked = statusModeOf(request.url);
  if ("refused" in asked) return jsonResponse(asked.refused);
  // The body goes to handleVerifyHttp unread: lib/verify/body.ts reads it for both servers.
  const verdict = inStatusMode(
    asked.mode,
    await handleVerifyHttp({ headers: request.headers, body: request.body, ip: clientIp(request.headers) }),
  );
  return jsonResponse(verdict);
}

/**
 * A plain Response with the verdict's JSON as already written (result-json.ts): NextResponse.json
 * would serialise it again and wrap it (cookies, URL) for ~1 % of the route's CPU.
 */
function jsonResponse(answer: VerifyHttpResponse): Response {
  const headers = { ...answer.headers, "Content-Type": "application/json" };
  return new Response(answer.text ?? JSON.stringify(answer.body), { status: answer.status, headers });
}
