import { authProxy } from "@/lib/auth/proxy";

export const proxy = authProxy;

export const config = {
  // Everything except Next's static assets and files with an extension — but the API and the
  // /.well-known documents (registry.json has an extension) need the security headers too.
  // The machine routes (key verification, leak reports and the benchmark baseline, /api/ping) stay out: they
  // involve no session, set the security headers themselves, and the proxy's pass costs them
  // ~40% of their throughput (docs/benchmarks.md).
  matcher: [
    "/((?!_next/static|_next/image|api/tokens/verify$|api/leaks/github$|api/ping$|.*\\.[\\w]+$).*)",
    "/(api)((?!/tokens/verify$|/leaks/github$|/ping$).*)",
    "/.well-known/(.*)",
  ],
};
