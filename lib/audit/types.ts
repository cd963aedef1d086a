// Audit events: who did what to which object, from where, for every area of the product.

/** Where a request came from, as far as the server can tell. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Who acted and from where; built once per request (see context.ts). */
export interface AuditContext extends RequestOrigin {
  orgId: string;
  /** A user id (local or Clerk), or "system" for changes Keysmith makes by itself. */
  actorId: string;
}

export const AUDIT_ACTIONS = [
  "registry.create",
  "registry.update",
  "registry.reorder",
  "registry.key_replace",
  "registry.key_remove",
  "registry.set_default",
  "registry.delete",
  "registry.import",
  "registry.export",
  "org.settings_update",
  "auth.sign_up",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "key.create",
  "key.rotate",
  "key.revoke",
  "key.disable",
  "key.enable",
  "key.update",
  "key.delete",
  "key.leak_report",
  "org.key_policy_update",
  "org.scope_create",
  "org.scope_delete",
  "project.create",
  "project.rename",
  "project.delete",
  "member.role_change",
  "member.remove",
  "member.invite",
  "member.invite_revoke",
  "member.join",
  "org.rename",
  "webhook.create",
  "webhook.update",
  "webhook.delete",
  "webhook.disable",
  "webhook.resend",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The part of an action before the dot; the audit page filters by it. */
export const AUDIT_AREAS = ["key", "registry", "auth", "org", "project", "member", "webhook"] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export type AuditTargetType = "registry" | "organization" | "user" | "key" | "project" | "invitation" | "webhook";

/** JSON only, and never a secret: masks at most. */
export type AuditMetadata = Record<string, string | number | boolean | null | string[] | Record<string, unknown>>;

export interface AuditEventInput {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string | null;
  metadata?: AuditMetadata;
}

export const SYSTEM_ACTOR = "system";
