import type { NextRequest } from "next/server";
import type { OrgRole, Session } from "@/lib/auth/types";
import { clientIp } from "@/lib/http/client-ip";
import { missingScopes } from "@/lib/keys/scopes";
import { denialFor, unavailableDenial, type Denial } from "@/lib/verify/denial";
import { defaultVerifier } from "@/lib/verify";
import { VerificationUnavailableError } from "@/lib/verify/result";
import { ERROR_STATUS } from "./error-codes";

// Automation may call the dashboard's JSON API with an API key instead of a browser session.
// The key acts in its own organisation, with management scopes per area:
//   keys:read / keys:write (also projects and key settings), registries:read / registries:write, members:read / members:write,
// where :write implies :read and admin:* grants everything.

type Area = "keys" | "registries" | "members";

const AREAS: [prefix: string, area: Area][] = [
  ["/api/tokens", "keys"],
  ["/api/projects", "keys"],
  ["/api/settings/keys", "keys"],
  ["/api/settings/scopes", "keys"],
  ["/api/registries", "registries"],
  ["/api/members", "members"],
];

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function areaOf(pathname: string): Area | null {
  for (const [prefix, area] of AREAS) if (pathname === prefix || pathname.startsWith(prefix + "/")) return area;
  return null;
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
  const canWrite = area !== null && missingScopes(result.scopes, [`${area}:write`]).length === 0;
  const canRead = canWrite || (area !== null && missingScopes(result.scopes, [`${area}:read`]).length === 0);
  const needed = READ_METHODS.has(request.method) ? "read" : "write";
  if (!(needed === "read" ? canRead : canWrite)) {
    const scope = area ? `${area}:${needed}` : "admin:*";
    return {
      denial: {
        status: ERROR_STATUS.FORBIDDEN,
        headers: { "Cache-Control": "no-store" },
        body: { error: { code: "FORBIDDEN", message: `This API key needs the ${scope} scope.` } },
      },
    };
  }
  // Member changes are an owner's right; keys and registries are an admin's.
  const role: OrgRole = canWrite ? (area === "members" ? "owner" : "admin") : "member";
  return { session: { userId: `apikey:${result.keyId}`, orgId: result.orgId!, orgRole: role } };
}
