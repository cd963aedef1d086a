import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { testWebhook } from "@/lib/api/operations/webhooks";
import { sendTestEvent } from "@/lib/webhooks/endpoints";

export const POST = route(testWebhook, async ({ principal, params }) => json(await sendTestEvent(principal, params.id), 202));
