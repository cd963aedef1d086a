import type { AuditContext } from "@/lib/audit/types";
import type { Session } from "@/lib/auth/types";

/** The audit context when no request is at hand (scripts, tests): the session's user, no address. */
export function sessionAuditContext(session: Session): AuditContext {
  return { orgId: session.orgId, actorId: session.userId, ip: null, userAgent: null };
}
