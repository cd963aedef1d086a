// Headers every response carries. The Content-Security-Policy for local mode is set here;
import { isProduction } from "@/lib/config";
// with Clerk, Clerk's middleware writes a CSP that also allows its own hosts.
//
// Scripts run only with the page's nonce: a fresh random value per request (proxy.ts), which
// Next.js puts on its own bootstrap scripts; 'strict-dynamic' lets those load the app's chunks.
// No 'unsafe-inline' for scripts, so injected markup cannot run code. Answers without a page
// (JSON, the machine routes) get no nonce and allow no inline script at all.

const isDev = () => !isProduction();

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function localContentSecurityPolicy(nonce: string | null = null): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    // Development also needs eval for fast refresh.
    `script-src ${scripts}${isDev() ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev() ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

export function applySecurityHeaders(headers: Headers, { withCsp, csp }: { withCsp: boolean; csp?: string }): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (withCsp) headers.set("Content-Security-Policy", csp ?? localContentSecurityPolicy());
  if (!isDev()) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

/** The security headers of the machine routes (key verification), which run outside proxy.ts, as a plain record for node:http. */
export function machineRouteSecurityHeaders(): Record<string, string> {
  const headers = new Headers();
  applySecurityHeaders(headers, { withCsp: true });
  return Object.fromEntries(headers);
}
