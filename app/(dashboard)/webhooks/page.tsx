import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { Callout } from "@/components/ui/callout";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { holds } from "@/lib/auth/principal";
import { getViewer } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();

  return (
    <div className="space-y-6">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Webhooks</h1>
        <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
          Keysmith POSTs key and registry events to your endpoints, signed per the Standard Webhooks spec. A failed delivery is retried with
          growing delays for 24 hours; an endpoint that keeps failing is disabled.
        </p>
      </div>
      {holds(viewer, "webhooks:read") ? (
        <WebhooksManager webhooks={await listWebhooks(viewer)} />
      ) : (
        <Callout tone="info">Only owners and admins manage webhooks. The notification list shows the same events to everyone.</Callout>
      )}
    </div>
  );
}
