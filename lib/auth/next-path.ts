// Plain module: where to go after signing in. Only a path of this site (never "//host" or a URL),
// so a crafted sign-in link cannot send anyone elsewhere.

export const REQUEST_PATH_HEADER = "x-keysmith-path";
const FALLBACK = "/keys";

export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || value.length > 2000) return FALLBACK;
  if (value.startsWith("/sign-in") || value.startsWith("/sign-up") || value.startsWith("/api/")) return FALLBACK;
  return value;
}

/** The sign-in page, asked to come back to `path` afterwards. */
export function signInPath(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next === FALLBACK ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
