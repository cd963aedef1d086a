import type { NextRequest } from "next/server";
import { config } from "@/lib/config";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF guard for cookie-authenticated writes: a browser always sends Origin on a
 * cross-site POST/DELETE, so a write whose Origin is another site is refused.
 */
export function isForeignOriginWrite(request: NextRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  // Fetch metadata, which pages cannot forge: a same-origin request is ours even when Origin is
  // "null" (Chromium sends that for a plain form post under Referrer-Policy: no-referrer).
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site") return true;
  if (site === "same-origin") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const allowed = new Set([request.headers.get("host"), request.nextUrl.host]);
  const publicUrl = config().KEYSMITH_PUBLIC_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).host);
  return !allowed.has(originHost);
}
