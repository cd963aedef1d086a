import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listWebhookDeliveries } from "@/lib/api/operations/webhooks";
import { listDeliveries } from "@/lib/webhooks/endpoints";

export const GET = route(listWebhookDeliveries, async ({ principal, params }) =>
  json({ data: await listDeliveries(principal, params.id) }),
);
