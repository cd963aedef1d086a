// Plain module: where to go after signing in. Only a path of this site (never "//host" or a URL),
// so a crafted sign-in link cannot send anyone elsewhere.

export const REQUEST_PATH_HEADER = "x-keysmith-path";
const FALLBACK = "/keys";

export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.length > 2000) return FALLBACK;
  // Judged as a browser reads it: URL parsing drops tabs and newlines and reads "\\" as "/", so
  // "/\t/evil.example" or "/\\evil.example" would leave the site. Only what stays on it is kept.
  const origin = "https://keysmith.invalid";
  const url = new URL(value, origin);
  if (url.origin !== origin) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("/sign-in") || path.startsWith("/sign-up") || path.startsWith("/api/")) return FALLBACK;
  return path;
}

/** The sign-in page, asked to come back to `path` afterwards. */
export function signInPath(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next === FALLBACK ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
