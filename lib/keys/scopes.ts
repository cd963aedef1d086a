// Scopes are "<resource>:<action>" strings with optional deeper segments, e.g. "packages:read",
// "packages:publish:beta". A trailing "*" segment grants everything below its prefix
// ("packages:*"), and "admin:*" grants every scope. Plain module: the browser bundle uses it too.

export const SCOPE_MAX_LENGTH = 100;
export const SCOPES_MAX = 50;
export const SUPERUSER_SCOPE = "admin:*";
const SEGMENT = "[A-Za-z0-9][A-Za-z0-9_.-]*";
/** At least two segments; only the last may be "*". */
export const SCOPE_PATTERN = new RegExp(`^${SEGMENT}(:${SEGMENT})*:(${SEGMENT}|\\*)$`);

/** The scopes the dashboard offers as checkboxes; any other valid scope can be typed. */
export const COMMON_SCOPES = [
  "packages:read",
  "packages:write",
  "packages:*",
  "keys:read",
  "keys:write",
  "registries:read",
  "registries:write",
  "members:read",
  "members:write",
  "audit:read",
  "usage:read",
  SUPERUSER_SCOPE,
] as const;

export function isValidScope(scope: string): boolean {
  return scope.length <= SCOPE_MAX_LENGTH && SCOPE_PATTERN.test(scope);
}

/** Whether one granted scope covers one required scope ("packages:*" covers "packages:read"). */
export function scopeCovers(granted: string, required: string): boolean {
  if (granted === SUPERUSER_SCOPE || granted === required) return true;
  if (!granted.endsWith(":*")) return false;
  return required.startsWith(granted.slice(0, -1));
}

/** The required scopes none of the granted ones cover (empty when the key may proceed). */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  return required.filter((scope) => !granted.some((g) => scopeCovers(g, scope)));
}
