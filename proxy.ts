import { authProxy } from "@/lib/auth/proxy";

export const proxy = authProxy;

export const config = {
  // Everything except Next's static assets and files with an extension — but the API and the
  // /.well-known documents (registry.json has an extension) need the security headers too.
  matcher: ["/((?!_next/static|_next/image|.*\\.[\\w]+$).*)", "/(api)(.*)", "/.well-known/(.*)"],
};
