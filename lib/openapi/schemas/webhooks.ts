import { z } from "../zod";

// What the webhooks API answers (lib/webhooks/view.ts).

const timestamp = z.iso.datetime({ offset: true });

export const webhookViewSchema = z
  .strictObject({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledAt: timestamp.nullable(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    failingSince: timestamp.nullable(),
    createdAt: timestamp,
  })
  .openapi("Webhook");

export const webhookListSchema = z.strictObject({ data: z.array(webhookViewSchema) });
export const webhookResultSchema = z.strictObject({ webhook: webhookViewSchema });
export const createdWebhookSchema = z.strictObject({
  webhook: webhookViewSchema,
  secret: z.string().openapi({ description: "The signing secret (whsec_…): shown this once, stored encrypted." }),
});
export const webhookDeletedSchema = z.strictObject({ deleted: z.uuid() });

const attemptSchema = z.strictObject({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  at: timestamp,
});

export const deliveryListSchema = z.strictObject({
  data: z.array(
    z
      .strictObject({
        id: z.uuid(),
        eventId: z.uuid().openapi({ description: "The webhook-id header of every attempt." }),
        eventType: z.string(),
        status: z.enum(["pending", "delivered", "failed"]),
        attempts: z.number().int(),
        nextAttemptAt: timestamp.nullable(),
        createdAt: timestamp,
        deliveredAt: timestamp.nullable(),
        log: z.array(attemptSchema),
      })
      .openapi("WebhookDelivery"),
  ),
});

export const resentSchema = z.strictObject({ deliveryId: z.uuid() });
export const testEventSchema = z.strictObject({ eventId: z.uuid() });

export const notificationListSchema = z.strictObject({
  data: z.array(
    z
      .strictObject({ id: z.uuid(), type: z.string(), data: z.record(z.string(), z.unknown()), createdAt: timestamp })
      .openapi("Notification"),
  ),
});
