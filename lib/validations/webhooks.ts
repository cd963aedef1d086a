import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const WEBHOOK_URL_MAX = 2048;
export const WEBHOOK_DESCRIPTION_MAX = 200;

export const webhookIdSchema = z.uuid("Webhook id must be a UUID.");

const webhookUrlSchema = z
  .string({ error: "Enter the URL Keysmith should send events to." })
  .trim()
  .min(1, "Enter the URL Keysmith should send events to.")
  .max(WEBHOOK_URL_MAX, `The URL must be at most ${WEBHOOK_URL_MAX} characters.`)
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    "Enter a full http(s) URL, e.g. https://hooks.example.com/keysmith.",
  );

const eventTypesSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `Event types are: ${WEBHOOK_EVENT_TYPES.join(", ")}.` }), {
    error: 'eventTypes must be a list like ["key.revoked"].',
  })
  .min(1, "Choose at least one event type.")
  .transform((types) => [...new Set(types)])
  .meta({ example: ["key.revoked", "key.expiring"] });

const descriptionSchema = z
  .string({ error: "The description must be text." })
  .trim()
  .max(WEBHOOK_DESCRIPTION_MAX, `The description must be at most ${WEBHOOK_DESCRIPTION_MAX} characters.`)
  .refine(isSafeText, `The description ${UNSAFE_TEXT_MESSAGE}.`);

export const createWebhookSchema = z.strictObject({
  url: webhookUrlSchema,
  eventTypes: eventTypesSchema,
  description: descriptionSchema.optional(),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    eventTypes: eventTypesSchema.optional(),
    description: descriptionSchema.optional(),
    /** true switches the endpoint off; false on again (its failure count starts over). */
    disabled: z.boolean({ error: "disabled must be true or false." }).optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "Send at least one field to change.");
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const resendDeliverySchema = z.strictObject({ deliveryId: z.uuid("deliveryId must be a UUID.") });

export const notificationsQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(200, "limit must be at most 200.")
    .default(50),
});
