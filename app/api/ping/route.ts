import { applySecurityHeaders } from "@/lib/http/security-headers";

export const dynamic = "force-dynamic";

/**
 * The cheapest possible route handler: the benchmark's baseline for Next.js itself. Like the
 * verify route it is outside the proxy (proxy.ts), so it sets the security headers itself.
 */
export function GET() {
  const response = Response.json({ ok: true });
  applySecurityHeaders(response.headers, { withCsp: true });
  return response;
}
