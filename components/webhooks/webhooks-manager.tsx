"use client";

import { useRouter } from "next/navigation";
import { Callout } from "@/components/ui/callout";
import type { WebhookView } from "@/lib/webhooks/view";
import { CreateWebhookForm } from "./create-webhook-form";
import { WebhookCard } from "./webhook-card";

export function WebhooksManager({ webhooks }: { webhooks: WebhookView[] }) {
  const router = useRouter();
  const refresh = () => router.refresh();
  return (
    <div className="space-y-8">
      <section aria-labelledby="add-webhook-heading" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5">
        <h2 id="add-webhook-heading" className="mb-4 text-sm font-semibold text-zinc-900">
          Add webhook
        </h2>
        <CreateWebhookForm onCreated={refresh} />
      </section>
      <section aria-labelledby="webhooks-heading" className="space-y-4">
        <h2 id="webhooks-heading" className="text-sm font-semibold text-zinc-900">
          Endpoints
        </h2>
        {webhooks.length === 0 ? <Callout tone="info">No webhooks yet.</Callout> : null}
        {webhooks.map((webhook) => (
          <WebhookCard key={webhook.id} webhook={webhook} onChanged={refresh} />
        ))}
      </section>
    </div>
  );
}
