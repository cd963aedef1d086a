import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { resendWebhookDelivery } from "@/lib/api/operations/webhooks";
import { resendDelivery } from "@/lib/webhooks/endpoints";

export const POST = route(resendWebhookDelivery, async ({ principal, params, body, audit }) =>
  json(await resendDelivery(principal, params.id, body.deliveryId, audit), 202),
);
