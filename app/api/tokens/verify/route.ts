import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { handleVerifyHttp } from "@/lib/verify/http";

export const dynamic = "force-dynamic";

/**
 * Public: services call it with the key to check, no session and no Origin check. Always 200 with
 * the verdict in the body; see lib/verify/http.ts.
 */
export async function POST(request: NextRequest) {
  const answer = await handleVerifyHttp({
    headers: request.headers,
    body: await request.text(),
    ip: clientIp(request.headers),
  });
  return NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
}
