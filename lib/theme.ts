// Plain module: the viewer's theme choice, kept in a cookie so the server renders it (no flash,
// no inline script under the nonce-based CSP). No cookie: follow the system.

export const THEME_COOKIE = "ks_theme";
export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export function readTheme(value: string | undefined): Theme | null {
  return value === "light" || value === "dark" ? value : null;
}
