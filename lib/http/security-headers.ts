// Headers every response carries. The Content-Security-Policy for local mode is set here;
// with Clerk, Clerk's middleware writes a CSP that also allows its own hosts.

const isDev = () => process.env.NODE_ENV !== "production";

export function localContentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts; development also needs eval for fast refresh.
    `script-src 'self' 'unsafe-inline'${isDev() ? " 'unsafe-eval'" : ""}`,
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

export function applySecurityHeaders(headers: Headers, { withCsp }: { withCsp: boolean }): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (withCsp) headers.set("Content-Security-Policy", localContentSecurityPolicy());
  if (!isDev()) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
