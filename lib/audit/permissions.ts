import { canManageKeys, type Session } from "@/lib/auth/types";
import { forbidden } from "@/lib/errors";

/** The trail shows members' addresses and every change: owners and admins read it. */
export function canReadAudit(session: Session): boolean {
  return canManageKeys(session.orgRole);
}

export function assertCanReadAudit(session: Session): void {
  if (!canReadAudit(session)) throw forbidden("Only owners and admins can read the audit log.");
}
