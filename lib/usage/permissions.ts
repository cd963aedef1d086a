import { canManageKeys, type Session } from "@/lib/auth/types";
import { forbidden } from "@/lib/errors";

/** Organisation-wide usage names every key and member: owners and admins read it. */
export function canReadUsage(session: Pick<Session, "orgRole">): boolean {
  return canManageKeys(session.orgRole);
}

export function assertCanReadUsage(session: Session): void {
  if (!canReadUsage(session)) throw forbidden("Only owners and admins can see the organisation's usage.");
}
