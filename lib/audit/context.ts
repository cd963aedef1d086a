import ipaddr from "ipaddr.js";
import type { Session } from "@/lib/auth/types";
import { SYSTEM_ACTOR, type AuditContext, type RequestOrigin } from "./types";

const USER_AGENT_MAX = 512;

/**
 * The client address as X-Forwarded-For reports it: Next.js fills the header from the socket
 * when it is absent, and a reverse proxy sets it. Without a proxy a client can forge it, so
 * it is a hint for people reading the trail, not proof.
 */
function clientIp(headers: Headers): string | null {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? headers.get("x-real-ip")?.trim();
  if (!first) return null;
  const bare = first.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(bare) ? ipaddr.process(bare).toString() : null;
}

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
