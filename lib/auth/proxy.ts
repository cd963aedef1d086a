import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { applySecurityHeaders } from "@/lib/http/security-headers";
import { keysmithKeyFromHeaders } from "@/lib/verify/credentials";
import { authProvider } from "./mode";

// Networkless verification: with CLERK_JWT_KEY set, session tokens are checked against that
// public key without calling Clerk (the env var alone is ignored by @clerk/nextjs 7.9).
const clerkProxy = clerkMiddleware(
  async () => {},
  () => ({
    ...(process.env.CLERK_JWT_KEY ? { jwtKey: process.env.CLERK_JWT_KEY } : {}),
    contentSecurityPolicy: { directives: { "frame-ancestors": ["'none'"], "object-src": ["'none'"] } },
  }),
);

/** Routes that never involve a person's session: services call them on every request. */
const MACHINE_ROUTES = new Set(["/api/tokens/verify", "/api/ping"]);

/** Whether Clerk has nothing to do with this request: a machine route, or a Keysmith API key as the credential. */
function skipsClerk(request: NextRequest): boolean {
  return MACHINE_ROUTES.has(request.nextUrl.pathname) || keysmithKeyFromHeaders(request.headers) !== null;
}

/** Runs before every matched request. Local auth checks sessions in the pages and API wrapper. */
export async function authProxy(request: NextRequest, event: NextFetchEvent) {
  if (authProvider() === "clerk" && !skipsClerk(request)) {
    const response = (await clerkProxy(request, event)) ?? NextResponse.next();
    applySecurityHeaders(response.headers, { withCsp: false });
    return response;
  }
  const response = NextResponse.next();
  applySecurityHeaders(response.headers, { withCsp: true });
  return response;
}
