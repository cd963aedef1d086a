import { holds, permissionDenied, principalProject, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { isProtected, type Operation } from "./operation";

/**
 * The decision for one declared operation and one principal (null: not signed in at all):
 * null when the call may proceed, else the error to answer. Pure: the property test calls it.
 */
export function authorize(operation: Pick<Operation, "access">, principal: Principal | null): AppError | null {
  const { access } = operation;
  if (!isProtected(access)) return null;
  if (!principal) {
    return access.callers.includes("session")
      ? new AppError("UNAUTHENTICATED", "Sign in to use this API, or send an API key.")
      : new AppError("UNAUTHENTICATED", "This operation is for servers: send a secret API key in the Authorization or X-API-Key header.");
  }
  const key = principal.key;
  if (key?.type === "pk" && !access.callers.includes("pk")) {
    return new AppError(
      "PUBLISHABLE_KEY",
      "Publishable (pk) keys are for verification only; use a secret (sk) key for the management API.",
    );
  }
  if (key?.type === "sk" && !access.callers.includes("sk")) {
    return new AppError("FORBIDDEN", "API keys cannot do this; sign in to the dashboard.");
  }
  if (!key && !access.callers.includes("session")) {
    return new AppError(
      "UNAUTHENTICATED",
      "This operation is for servers: send a secret API key in the Authorization or X-API-Key header.",
    );
  }
  if (principalProject(principal) !== null && access.projectKeys === "refused") {
    return new AppError("FORBIDDEN", "This API key is limited to one project; this operation acts on the whole organisation.");
  }
  return holds(principal, access.permission) ? null : permissionDenied(principal, access.permission);
}
