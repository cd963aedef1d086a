import { NextResponse, type NextRequest } from "next/server";
import { readBodyBytes } from "@/lib/api/parse";
import { errorResponse } from "@/lib/api/respond";
import { requestOrigin } from "@/lib/audit/context";
import { AppError } from "@/lib/errors";
import { applySecurityHeaders } from "@/lib/http/security-headers";
import { LEAK_REPORT_MAX_BYTES, receiveLeakReport } from "@/lib/leaks/http";

export const dynamic = "force-dynamic";

/** Public, authenticated by the scanner's signature (lib/leaks). Outside the proxy, like verify. */
export async function POST(request: NextRequest) {
  let response: NextResponse;
  try {
    const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body must be at most ${LEAK_REPORT_MAX_BYTES} bytes.`);
    const body = await readBodyBytes(request, LEAK_REPORT_MAX_BYTES, tooLarge);
    response = NextResponse.json(await receiveLeakReport({ body, headers: request.headers, origin: requestOrigin(request) }), {
      headers: { "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    response = errorResponse(error.code, error.message, error.field);
  }
  applySecurityHeaders(response.headers, { withCsp: true });
  return response;
}
