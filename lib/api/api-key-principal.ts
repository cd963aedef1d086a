import type { NextRequest } from "next/server";
import type { OrgRole, Session } from "@/lib/auth/types";
import { clientIp } from "@/lib/http/client-ip";
import { missingScopes } from "@/lib/keys/scopes";
import { denialFor, unavailableDenial, type Denial } from "@/lib/verify/denial";
import { defaultVerifier } from "@/lib/verify";
import { VerificationUnavailableError } from "@/lib/verify/result";
import { ERROR_STATUS } from "./error-codes";

// Automation may call the dashboard's JSON API with an API key instead of a browser session.
// The key acts in its own organisation, with a scope per area of the API:
//   keys:read / keys:write (also projects and key settings), registries:read / registries:write,
//   members:read / members:write, audit:read, usage:read,
// where :write implies :read and admin:* grants everything.

interface Area {
  prefix: string;
  /** The scope prefix: "<scope>:read" for GET, "<scope>:write" for changes. */
  scope: string;
  /** The role the key acts as, so the services' role checks apply unchanged. */
  readRole: OrgRole;
  writeRole: OrgRole;
}

const AREAS: Area[] = [
  { prefix: "/api/tokens", scope: "keys", readRole: "member", writeRole: "admin" },
  { prefix: "/api/projects", scope: "keys", readRole: "member", writeRole: "admin" },
  { prefix: "/api/settings/keys", scope: "keys", readRole: "member", writeRole: "admin" },
  { prefix: "/api/settings/scopes", scope: "keys", readRole: "member", writeRole: "admin" },
  { prefix: "/api/registries", scope: "registries", readRole: "member", writeRole: "admin" },
  // Member changes are an owner's right.
  { prefix: "/api/members", scope: "members", readRole: "member", writeRole: "owner" },
  // Reading the trail and the organisation's usage is an admin's right; both areas are read-only.
  { prefix: "/api/audit", scope: "audit", readRole: "admin", writeRole: "admin" },
  { prefix: "/api/usage", scope: "usage", readRole: "admin", writeRole: "admin" },
];

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function areaOf(pathname: string): Area | null {
  return AREAS.find(({ prefix }) => pathname === prefix || pathname.startsWith(prefix + "/")) ?? null;
}

/**
 * The principal an API key acts as: userId "apikey:<keyId>" (what audit events and createdBy
 * record), and the role its scopes give in this area — so the services' role checks apply unchanged.
 */
export type PrincipalOrDenial = { session: Session } | { denial: Denial };

export async function apiKeyPrincipal(request: NextRequest, rawKey: string): Promise<PrincipalOrDenial> {
  let result;
  try {
    result = await defaultVerifier().verify(rawKey, { ip: clientIp(request.headers) });
  } catch (error) {
    if (error instanceof VerificationUnavailableError) return { denial: unavailableDenial() };
    throw error;
  }
  const denied = denialFor(result);
  if (denied) return { denial: denied };

  const area = areaOf(request.nextUrl.pathname);
  const canWrite = area !== null && missingScopes(result.scopes, [`${area.scope}:write`]).length === 0;
  const canRead = canWrite || (area !== null && missingScopes(result.scopes, [`${area.scope}:read`]).length === 0);
  const needed = READ_METHODS.has(request.method) ? "read" : "write";
  if (!area || !(needed === "read" ? canRead : canWrite)) {
    const scope = area ? `${area.scope}:${needed}` : "admin:*";
    return {
      denial: {
        status: ERROR_STATUS.FORBIDDEN,
        headers: { "Cache-Control": "no-store" },
        body: { error: { code: "FORBIDDEN", message: `This API key needs the ${scope} scope.` } },
      },
    };
  }
  const role = canWrite ? area.writeRole : area.readRole;
  return { session: { userId: `apikey:${result.keyId}`, orgId: result.orgId!, orgRole: role } };
}
