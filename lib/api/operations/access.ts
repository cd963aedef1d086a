import type { Permission } from "@/lib/auth/permissions";
import type { ProjectKeyAccess, ProtectedAccess } from "../operation";

// Shorthands for the declarations: who may call, and what a project-limited key may do.

/** Dashboard sessions and secret API keys: the management API. Publishable keys never. */
export const sessionOrKey = (permission: Permission, projectKeys: ProjectKeyAccess): ProtectedAccess => ({
  permission,
  callers: ["session", "sk"],
  projectKeys,
});

/** Servers only: a secret API key; a browser session gets 401. */
export const secretKeyOnly = (permission: Permission, projectKeys: ProjectKeyAccess): ProtectedAccess => ({
  permission,
  callers: ["sk"],
  projectKeys,
});
