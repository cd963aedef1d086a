import type { AuditAction, AuditArea } from "@/lib/audit/types";

export const AREA_LABELS: Record<AuditArea, string> = {
  key: "API keys",
  registry: "Registries",
  auth: "Sign-ins",
  org: "Settings",
  project: "Projects",
  member: "Members",
  webhook: "Webhooks",
};

export const ACTION_LABELS: Record<AuditAction, string> = {
  "registry.create": "Registry added",
  "registry.update": "Registry edited",
  "registry.reorder": "Registries reordered",
  "registry.key_replace": "Registry key replaced",
  "registry.key_remove": "Registry key removed",
  "registry.set_default": "Default registry changed",
  "registry.delete": "Registry deleted",
  "registry.import": "Registries imported",
  "registry.export": "Registries exported",
  "org.settings_update": "Settings changed",
  "auth.sign_up": "Signed up",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_out": "Signed out",
  "key.create": "Key created",
  "key.rotate": "Key rotated",
  "key.revoke": "Key revoked",
  "key.disable": "Key disabled",
  "key.enable": "Key enabled",
  "key.update": "Key edited",
  "key.delete": "Expired keys deleted",
  "key.leak_report": "Key reported leaked",
  "org.key_policy_update": "Key policy changed",
  "org.scope_create": "Scope added to catalogue",
  "org.scope_delete": "Scope removed from catalogue",
  "project.create": "Project created",
  "project.rename": "Project renamed",
  "project.delete": "Project deleted",
  "member.role_change": "Member role changed",
  "member.remove": "Member removed",
  "member.invite": "Member invited",
  "member.invite_revoke": "Invitation revoked",
  "member.join": "Member joined by invitation",
  "webhook.create": "Webhook added",
  "webhook.update": "Webhook edited",
  "webhook.delete": "Webhook deleted",
  "webhook.disable": "Webhook disabled after failures",
  "webhook.resend": "Webhook delivery resent",
  "org.rename": "Organisation renamed",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action as AuditAction] ?? action;
}
