import type { Session } from "@/lib/auth/types";
import { clientIp } from "@/lib/http/client-ip";
import { SYSTEM_ACTOR, type AuditContext, type RequestOrigin } from "./types";

const USER_AGENT_MAX = 512;

export function requestOrigin(request: Request): RequestOrigin {
  const userAgent = request.headers.get("user-agent");
  return { ip: clientIp(request.headers), userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}

export function auditContext(request: Request, session: Session): AuditContext {
  return { orgId: session.orgId, actorId: session.userId, ...requestOrigin(request) };
}

/** For changes Keysmith makes by itself (e.g. adding the public registry on first use). */
export function systemAuditContext(orgId: string): AuditContext {
  return { orgId, actorId: SYSTEM_ACTOR, ip: null, userAgent: null };
}
