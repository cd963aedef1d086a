export const SESSION_COOKIE = "ks_session";
import { config } from "@/lib/config";
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Secure unless explicitly turned off for plain-HTTP installs on a LAN (browsers treat localhost as secure). */
export function sessionCookieOptions(expiresAt: Date) {
  return {
    httpOnly: true,
    secure: !config().KEYSMITH_INSECURE_COOKIES,
    sameSite: "lax" as const,
    path: "/",
    expires: expiresAt,
  };
}
