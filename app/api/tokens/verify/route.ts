import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { applySecurityHeaders } from "@/lib/http/security-headers";
import { handleVerifyHttp } from "@/lib/verify/http";

export const dynamic = "force-dynamic";

/**
 * Public: services call it with the key to check, no session and no Origin check. Always 200 with
 * the verdict in the body; see lib/verify/http.ts. It is outside the proxy (proxy.ts), so it sets
 * the security headers itself.
 */
export async function POST(request: NextRequest) {
  const response = await answer(request);
  applySecurityHeaders(response.headers, { withCsp: true });
  return response;
}

async function answer(request: NextRequest): Promise<NextResponse> {
  // The body goes to handleVerifyHttp unread: lib/verify/body.ts reads it for both servers.
  const verdict = await handleVerifyHttp({ headers: request.headers, body: request.body, ip: clientIp(request.headers) });
  return NextResponse.json(verdict.body, { status: verdict.status, headers: verdict.headers });
}
