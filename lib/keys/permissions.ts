import { canManageKeys, type Session } from "@/lib/auth/types";
import { forbidden } from "@/lib/errors";

export function assertCanManageKeys(session: Session): void {
  if (!canManageKeys(session.orgRole)) {
    throw forbidden("Only owners and admins can create, rotate, disable or revoke keys and change key settings.");
  }
}
