import { AppError } from "@/lib/errors";
import { missingScopes } from "@/lib/keys/scopes";
import { roleHolds, scopesGrant, type Permission } from "./permissions";
import type { Session } from "./types";

// Who is asking: a person with a dashboard session, or an API key. A key's authority on the
// management API is its scopes intersected with its creator's *current* role (orgRole below),
// so demoting or removing a member shrinks or ends what their keys can do.

/** The API key behind a request, as the authority rules need it. */
export interface KeyActor {
  /** ApiKey.id (the row). */
  id: string;
  /** The public key id. */
  keyId: string;
  type: "sk" | "pk";
  scopes: readonly string[];
  /** Set when the key is limited to one project. */
  projectId: string | null;
  expiresAt: Date | null;
  /** The person at the root of the key's chain of creators. */
  creatorUserId: string;
}

/**
 * A session, or an API key acting for its creator: `orgRole` is then the creator's current
 * role in the organisation and `userId` is "apikey:<keyId>" (what audit events and createdBy show).
 */
export interface Principal extends Session {
  key?: KeyActor;
}

export function holds(principal: Principal, permission: Permission): boolean {
  if (!roleHolds(principal.orgRole, permission)) return false;
  return principal.key ? scopesGrant(principal.key.scopes, permission) : true;
}

export function permissionDenied(principal: Principal, permission: Permission): AppError {
  if (!principal.key) return new AppError("FORBIDDEN", `Your role (${principal.orgRole}) does not allow this: it needs ${permission}.`);
  if (!scopesGrant(principal.key.scopes, permission)) {
    return new AppError("FORBIDDEN", `This API key needs the ${permission} scope.`);
  }
  return new AppError(
    "FORBIDDEN",
    `This API key's creator is now ${principal.orgRole} and no longer holds ${permission}, so neither does the key.`,
  );
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!holds(principal, permission)) throw permissionDenied(principal, permission);
}

/**
 * The scopes a principal may put on a key it creates or rotates (null: any). A key grants from its
 * own scopes; the operation's permission (keys:write, keys:pk) is checked on its own, and the new
 * key's management authority stays bounded by the same creator's current role.
 */
function grantableScopes(principal: Principal): readonly string[] | null {
  if (!principal.key) return principal.orgRole === "member" ? [] : null;
  return principal.key.scopes;
}

/**
 * Whether `principal` holds every scope in `requested`, wildcards compared as written: holding
 * "packages:*" grants "packages:read" but holding "packages:read" does not grant "packages:*", and
 * only "admin:*" itself grants "admin:*".
 */
export function canGrant(principal: Principal, requested: readonly string[]): boolean {
  const grantable = grantableScopes(principal);
  return grantable === null || missingScopes(grantable, requested).length === 0;
}

/**
 * Refuses scopes the principal does not hold itself (403 AUTHORITY_EXCEEDED naming the first),
 * so no key can mint or receive, through rotation, more than its issuer holds.
 */
export function assertCanGrant(principal: Principal, requested: readonly string[], field = "scopes"): void {
  const grantable = grantableScopes(principal);
  if (grantable === null) return;
  const missing = missingScopes(grantable, requested);
  if (missing.length === 0) return;
  const index = requested.indexOf(missing[0]!);
  throw new AppError(
    "AUTHORITY_EXCEEDED",
    `You cannot grant ${missing[0]}: a key can only receive scopes its issuer holds itself.`,
    field === "scopes" ? `scopes.${index}` : field,
  );
}

/** The project a principal is limited to (a project-limited key), or null for the whole organisation. */
export function principalProject(principal: Principal): string | null {
  return principal.key?.projectId ?? null;
}

/** The latest expiry a key created by this principal may have (a key cannot outlive the key that made it). */
export function latestChildExpiry(principal: Principal): Date | null {
  return principal.key?.expiresAt ?? null;
}
