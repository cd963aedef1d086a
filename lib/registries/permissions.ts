import { canManageKeys, type Session } from "@/lib/auth/types";
import { forbidden } from "@/lib/errors";

/** Same rule as keys: owners and admins change registries, members read them. */
export function assertCanManageRegistries(session: Session): void {
  if (!canManageKeys(session.orgRole)) {
    throw forbidden("Only owners and admins can change registries.");
  }
}
