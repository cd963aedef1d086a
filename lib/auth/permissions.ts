import { scopeCovers } from "@/lib/keys/scopes";
import type { OrgRole } from "./types";

// The management API's permissions, and what each member role holds. docs/authorization.md is
// the specification of this table; tests/auth/role-table.test.ts holds a literal copy of it.
//
// A permission is a scope string, so an API key holds one exactly when its scopes grant it
// ("keys:*" and "admin:*" included), with one implication: "<area>:write" also grants
// "<area>:read". Two permissions are never held by a key, whatever its scopes: owner powers
// and reading upstream registry secrets in clear belong to people signed in to the dashboard.

export const PERMISSIONS = [
  "keys:read",
  "keys:write",
  /** The key policy (lifetimes, "never expires"): loosening it would let keys:write mint longer-lived keys. */
  "keys:admin",
  /** Requesting publishable keys (GET /api/tokens/pk). */
  "keys:pk",
  "registries:read",
  "registries:write",
  "registries:delete",
  /** Registry settings: whether discovery may reach private networks (an SSRF switch). */
  "registries:admin",
  /** Upstream registry API keys in clear, in an export. Sessions only. */
  "registries:secrets",
  "members:read",
  /** Roles and removals of members who are not owners. */
  "members:write",
  /** Making someone owner, demoting or removing an owner. Owner sessions only. */
  "members:owner",
  "audit:read",
  "usage:read",
  /** The organisation's webhook endpoints and their delivery log. */
  "webhooks:read",
  /** Add, change, delete webhook endpoints; resend and test deliveries. */
  "webhooks:write",
  /** The organisation's name. Owner sessions only. */
  "organization:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Held only by a person signed in to the dashboard; no API key ever holds these. */
export const SESSION_ONLY_PERMISSIONS: readonly Permission[] = ["members:owner", "registries:secrets", "organization:write"];

const MEMBER: readonly Permission[] = ["keys:read", "registries:read", "members:read"];
const OWNER_ONLY: readonly Permission[] = ["members:owner", "organization:write"];
const ADMIN: readonly Permission[] = PERMISSIONS.filter((permission) => !OWNER_ONLY.includes(permission));

export const ROLE_PERMISSIONS: Record<OrgRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: ADMIN,
  member: MEMBER,
};

export function roleHolds(role: OrgRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The scopes that imply `permission`: itself, and "<area>:write" for "<area>:read". */
function impliedBy(permission: Permission): string[] {
  return permission.endsWith(":read") ? [permission, permission.replace(/:read$/, ":write")] : [permission];
}

/** Whether a key's scopes grant a management permission (before its creator's role bounds it). */
export function scopesGrant(scopes: readonly string[], permission: Permission): boolean {
  if (SESSION_ONLY_PERMISSIONS.includes(permission)) return false;
  return impliedBy(permission).some((required) => scopes.some((granted) => scopeCovers(granted, required)));
}
