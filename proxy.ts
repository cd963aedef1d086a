import { authProxy } from "@/lib/auth/proxy";

export const proxy = authProxy;

export const config = {
  // Everything except Next's static assets and files with an extension.
  matcher: ["/((?!_next/static|_next/image|.*\\.[\\w]+$).*)", "/(api)(.*)"],
};
