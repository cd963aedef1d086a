import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listNotifications as listNotificationsOperation } from "@/lib/api/operations/webhooks";
import { listNotifications } from "@/lib/webhooks/endpoints";

export const GET = route(listNotificationsOperation, async ({ principal, query }) =>
  json({ data: await listNotifications(principal, query.limit) }),
);
