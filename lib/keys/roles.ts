// Roles are named bundles of scopes (after the API reference seed). A key stores the scopes its
// role expands to, so verification never needs the role; the role is kept for display.
// Plain module: the browser bundle uses it too.

export const KEY_ROLES = ["reader", "executor", "application", "developer", "admin"] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

/** The scope that lets a secret key request publishable keys (GET /api/tokens/pk). */
export const REQUEST_PK_SCOPE = "keys:pk";

const READER = ["packages:read", "registries:read"];
const EXECUTOR = [...READER, "packages:execute"];

export const ROLE_SCOPES: Record<KeyRole, readonly string[]> = {
  reader: READER,
  executor: EXECUTOR,
  application: [...EXECUTOR, REQUEST_PK_SCOPE],
  // Everything inside the organisation's packages and registries, but no deleting and no members.
  developer: ["packages:read", "packages:write", "packages:execute", "registries:read", "registries:write", "keys:read", REQUEST_PK_SCOPE],
  admin: ["admin:*"],
};

export const ROLE_DESCRIPTIONS: Record<KeyRole, string> = {
  reader: "Read-only access.",
  executor: "Read and execute. The role of publishable keys.",
  application: "Like executor, and can request publishable keys.",
  developer: "Read and write packages and registries; cannot delete or manage members.",
  admin: "Every action (admin:*).",
};

/** Publishable keys live in browser pages: only these roles, only read/execute scopes. */
export const PUBLISHABLE_ROLES: readonly KeyRole[] = ["reader", "executor"];

/**
 * Areas of Keysmith's own management API. A publishable key sits in a browser page for anyone to
 * read, so it never holds their scopes — even read-only ones like audit:read or members:read.
 */
export const MANAGEMENT_AREAS = ["keys", "members", "audit", "usage", "admin", "settings", "projects"] as const;

/** The browser-safe scopes: read or execute, outside the management areas (docs/authorization.md). */
export function isPublishableScope(scope: string): boolean {
  const area = scope.split(":", 1)[0]!;
  if ((MANAGEMENT_AREAS as readonly string[]).includes(area)) return false;
  return scope.endsWith(":read") || scope.endsWith(":execute");
}

export function isKeyRole(value: unknown): value is KeyRole {
  return typeof value === "string" && (KEY_ROLES as readonly string[]).includes(value);
}
