import { z } from "@/lib/openapi/zod";
import { jsonResponse } from "@/lib/openapi/components";
import {
  createdWebhookSchema,
  deliveryListSchema,
  notificationListSchema,
  resentSchema,
  testEventSchema,
  webhookDeletedSchema,
  webhookListSchema,
  webhookResultSchema,
} from "@/lib/openapi/schemas/webhooks";
import {
  createWebhookSchema,
  notificationsQuerySchema,
  resendDeliverySchema,
  updateWebhookSchema,
  webhookIdSchema,
} from "@/lib/validations/webhooks";
import { defineOperation } from "../operation";
import { sessionOrKey } from "./access";

const tag = "Webhooks" as const;
const idParams = z.object({ id: webhookIdSchema });

export const listWebhooks = defineOperation({
  id: "listWebhooks",
  method: "GET",
  path: "/api/webhooks",
  tag,
  summary: "List webhook endpoints",
  access: sessionOrKey("webhooks:read", "refused"),
  responses: { 200: jsonResponse("The organisation's endpoints (never their secrets).", webhookListSchema) },
});

export const createWebhook = defineOperation({
  id: "createWebhook",
  method: "POST",
  path: "/api/webhooks",
  tag,
  summary: "Add a webhook endpoint",
  description:
    "Keysmith generates the signing secret and answers it once. Deliveries follow the Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature). The URL passes the registry address policy (private hosts only when allowed).",
  access: sessionOrKey("webhooks:write", "refused"),
  body: createWebhookSchema,
  bodyExample: { url: "https://hooks.example.com/keysmith", eventTypes: ["key.revoked", "key.expiring"] },
  responses: { 201: jsonResponse("The endpoint and its secret.", createdWebhookSchema) },
});

export const updateWebhook = defineOperation({
  id: "updateWebhook",
  method: "PATCH",
  path: "/api/webhooks/{id}",
  tag,
  summary: "Change or disable a webhook endpoint",
  access: sessionOrKey("webhooks:write", "refused"),
  params: idParams,
  body: updateWebhookSchema,
  bodyExample: { eventTypes: ["key.revoked"], disabled: false },
  responses: { 200: jsonResponse("The changed endpoint.", webhookResultSchema) },
  errors: [404],
});

export const deleteWebhook = defineOperation({
  id: "deleteWebhook",
  method: "DELETE",
  path: "/api/webhooks/{id}",
  tag,
  summary: "Delete a webhook endpoint and its delivery log",
  access: sessionOrKey("webhooks:write", "refused"),
  params: idParams,
  responses: { 200: jsonResponse("The id of the deleted endpoint.", webhookDeletedSchema) },
  errors: [404],
});

export const listWebhookDeliveries = defineOperation({
  id: "listWebhookDeliveries",
  method: "GET",
  path: "/api/webhooks/{id}/deliveries",
  tag,
  summary: "An endpoint's delivery log",
  description: "The latest 50 deliveries, newest first, each with every attempt (status code, duration, error).",
  access: sessionOrKey("webhooks:read", "refused"),
  params: idParams,
  responses: { 200: jsonResponse("Deliveries and their attempts.", deliveryListSchema) },
  errors: [404],
});

export const resendWebhookDelivery = defineOperation({
  id: "resendWebhookDelivery",
  method: "POST",
  path: "/api/webhooks/{id}/resend",
  tag,
  summary: "Send a delivery's event again",
  description: "A new delivery of the same event (same webhook-id); 409 while the endpoint is disabled.",
  access: sessionOrKey("webhooks:write", "refused"),
  params: idParams,
  body: resendDeliverySchema,
  responses: { 202: jsonResponse("The new delivery, queued.", resentSchema) },
  errors: [404, 409],
});

export const testWebhook = defineOperation({
  id: "testWebhook",
  method: "POST",
  path: "/api/webhooks/{id}/test",
  tag,
  summary: "Send a test event",
  description: "Queues a `webhook.test` event to this endpoint only.",
  access: sessionOrKey("webhooks:write", "refused"),
  params: idParams,
  responses: { 202: jsonResponse("The test event, queued.", testEventSchema) },
  errors: [404, 409],
});

export const listNotifications = defineOperation({
  id: "listNotifications",
  method: "GET",
  path: "/api/notifications",
  tag,
  summary: "The organisation's latest events",
  description: "The events webhooks receive (key and registry changes, lifecycle alerts), newest first.",
  // Organisation-wide: a key limited to one project must not see the other projects' key events.
  access: sessionOrKey("keys:read", "refused"),
  query: notificationsQuerySchema,
  responses: { 200: jsonResponse("Events, newest first.", notificationListSchema) },
});
