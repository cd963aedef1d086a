// Audit events: who did what to which object, from where: registries, keys, organisation settings.

/** Who acted and from where; built once per request (see context.ts). */
export interface AuditContext {
  orgId: string;
  /** A user id (local or Clerk), or "system" for changes Keysmith makes by itself. */
  actorId: string;
  ip: string | null;
  userAgent: string | null;
}

export type AuditAction =
  | "registry.create"
  | "registry.update"
  | "registry.reorder"
  | "registry.key_replace"
  | "registry.key_remove"
  | "registry.set_default"
  | "registry.delete"
  | "registry.import"
  | "registry.export"
  | "org.settings_update"
  | "key.create"
  | "key.revoke"
  | "key.disable"
  | "key.enable";

export type AuditTargetType = "registry" | "organization" | "key";

/** JSON only, and never a secret: masks at most. */
export type AuditMetadata = Record<string, string | number | boolean | null | string[] | Record<string, unknown>>;

export interface AuditEventInput {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string | null;
  metadata?: AuditMetadata;
}

export const SYSTEM_ACTOR = "system";
