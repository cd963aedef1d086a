// Plain module (the dashboard imports it too): the event types webhooks can subscribe to.

export const WEBHOOK_EVENT_TYPES = [
  "key.created",
  "key.revoked",
  "key.rotated",
  "key.disabled",
  "key.enabled",
  "key.expiring",
  "key.expired",
  "key.unused",
  "key.leaked",
  "registry.created",
  "registry.updated",
  "registry.deleted",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What each event type means, for the dashboard. */
export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "key.created": "A key was created (also the new key of a rotation)",
  "key.revoked": "A key was revoked",
  "key.rotated": "A key was rotated",
  "key.disabled": "A key was disabled",
  "key.enabled": "A key was enabled again",
  "key.expiring": "A key expires in 7 days, and again in 1 day",
  "key.expired": "A key expired",
  "key.unused": "A key has not been used for the organisation's number of days",
  "key.leaked": "A secret scanner reported a key in public",
  "registry.created": "A registry was added",
  "registry.updated": "A registry, its key, the default or the order changed",
  "registry.deleted": "A registry was deleted",
};
