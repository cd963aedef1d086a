import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { applySecurityHeaders, localContentSecurityPolicy, newNonce } from "@/lib/http/security-headers";
import { keysmithKeyFromHeaders } from "@/lib/verify/credentials";
import { authProvider } from "./mode";
import { config } from "@/lib/config";
import { REQUEST_PATH_HEADER } from "./next-path";

// Networkless verification: with CLERK_JWT_KEY set, session tokens are checked against that
// public key without calling Clerk (the env var alone is ignored by @clerk/nextjs 7.9).
// The handler hands pages the path asked for, as the local mode does below: a signed-out viewer
// is sent to sign in and back there (lib/auth/sign-in-redirect.ts).
const clerkProxy = clerkMiddleware(
  async (_auth, request) => NextResponse.next({ request: { headers: withRequestPath(request) } }),
  () => ({
    ...(config().CLERK_JWT_KEY ? { jwtKey: config().CLERK_JWT_KEY } : {}),
    contentSecurityPolicy: { directives: { "frame-ancestors": ["'none'"], "object-src": ["'none'"] } },
  }),
);

/** The request's headers with the path it asked for (overwriting any the client sent). */
function withRequestPath(request: NextRequest, headers = new Headers(request.headers)): Headers {
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return headers;
}

/**
 * Whether Clerk has nothing to do with this request: a Keysmith API key is the credential.
 * (The machine routes, /api/tokens/verify and /api/ping, never reach the proxy: see proxy.ts.)
 */
function skipsClerk(request: NextRequest): boolean {
  return keysmithKeyFromHeaders(request.headers) !== null;
}

/** Runs before every matched request. Local auth checks sessions in the pages and API wrapper. */
export async function authProxy(request: NextRequest, event: NextFetchEvent) {
  if (authProvider() === "clerk" && !skipsClerk(request)) {
    const response = (await clerkProxy(request, event)) ?? NextResponse.next();
    applySecurityHeaders(response.headers, { withCsp: false });
    return response;
  }
  // The request carries the policy too: Next.js reads the nonce from it and puts it on its scripts.
  const csp = localContentSecurityPolicy(newNonce());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  // Pages read it to send a signed-out viewer to sign in and back here (lib/auth/sign-in-redirect.ts).
  withRequestPath(request, requestHeaders);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  applySecurityHeaders(response.headers, { withCsp: true, csp });
  return response;
}
