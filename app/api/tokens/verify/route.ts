import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { applySecurityHeaders } from "@/lib/http/security-headers";
import { handleVerifyHttp } from "@/lib/verify/http";
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

async function answer(request: NextRequest): Promise<NextResponse> {
  const asked = statusModeOf(request.url);
  if ("refused" in asked) return NextResponse.json(asked.refused.body, { status: asked.refused.status, headers: asked.refused.headers });
  // The body goes to handleVerifyHttp unread: lib/verify/body.ts reads it for both servers.
  const verdict = inStatusMode(
    asked.mode,
    await handleVerifyHttp({ headers: request.headers, body: request.body, ip: clientIp(request.headers) }),
  );
  return NextResponse.json(verdict.body, { status: verdict.status, headers: verdict.headers });
}
