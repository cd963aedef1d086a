import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/webhooks";
import { createWebhook, listWebhooks } from "@/lib/webhooks/endpoints";

export const GET = route(operations.listWebhooks, async ({ principal }) => json({ data: await listWebhooks(principal) }));

/** The answer carries the signing secret: the only time it is shown. */
export const POST = route(operations.createWebhook, async ({ principal, body, audit }) =>
  json(await createWebhook(principal, body, audit), 201),
);
