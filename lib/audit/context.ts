import type { Session } from "@/lib/auth/types";
import { clientIp } from "@/lib/http/client-ip";
import { SYSTEM_ACTOR, type AuditContext } from "./types";

const USER_AGENT_MAX = 512;

export function auditContext(request: Request, session: Session): AuditContext {
  const userAgent = request.headers.get("user-agent");
  return {
    orgId: session.orgId,
    actorId: session.userId,
    ip: clientIp(request.headers),
    userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
  };
}

/** For changes Keysmith makes by itself (e.g. adding the public registry on first use). */
export function systemAuditContext(orgId: string): AuditContext {
  return { orgId, actorId: SYSTEM_ACTOR, ip: null, userAgent: null };
}
