import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/webhooks";
import { deleteWebhook, updateWebhook } from "@/lib/webhooks/endpoints";

export const PATCH = route(operations.updateWebhook, async ({ principal, params, body, audit }) =>
  json({ webhook: await updateWebhook(principal, params.id, body, audit) }),
);

export const DELETE = route(operations.deleteWebhook, async ({ principal, params, audit }) => {
  await deleteWebhook(principal, params.id, audit);
  return json({ deleted: params.id });
});
