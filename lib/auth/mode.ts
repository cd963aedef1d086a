export type AuthProvider = "local" | "clerk";
import { config } from "@/lib/config";

/**
 * Clerk is used only when asked for and configured: without keys every route under
 * Clerk's middleware answers 500, so a half-configured Clerk must fail loudly instead.
 */
export function authProvider(): AuthProvider {
  const settings = config();
  if (settings.AUTH_PROVIDER !== "clerk") return "local";
  const missing = (["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY"] as const).filter((name) => !settings[name]);
  if (missing.length > 0) {
    throw new Error(`AUTH_PROVIDER=clerk needs ${missing.join(" and ")} to be set.`);
  }
  return "clerk";
}
