export type AuthProvider = "local" | "clerk";

/**
 * Clerk is used only when asked for and configured: without keys every route under
 * Clerk's middleware answers 500, so a half-configured Clerk must fail loudly instead.
 */
export function authProvider(): AuthProvider {
  if (process.env.AUTH_PROVIDER !== "clerk") return "local";
  const missing = ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY"].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`AUTH_PROVIDER=clerk needs ${missing.join(" and ")} to be set.`);
  }
  return "clerk";
}
