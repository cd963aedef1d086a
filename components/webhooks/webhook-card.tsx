"use client";

import { useState, type FormEvent } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { WebhookView } from "@/lib/webhooks/view";
import { DeliveryLog } from "./delivery-log";
import { EventTypeChoices } from "./event-type-choices";

/** One endpoint: its events (editable), enable/disable, test event, delete, and its delivery log. */
export function WebhookCard({ webhook, onChanged }: { webhook: WebhookView; onChanged: () => void }) {
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [logKey, setLogKey] = useState(0);

  async function act(name: string, run: () => Promise<unknown>, done: string) {
    setPending(name);
    try {
      await run();
      setMessage(done);
      onChanged();
      setLogKey((key) => key + 1);
    } catch (error) {
      setMessage(errorMessage(error));
    } finally {
      setPending(null);
    }
  }
  const path = `/api/webhooks/${encodeURIComponent(webhook.id)}`;

  function saveEvents(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const eventTypes = new FormData(event.currentTarget).getAll("eventTypes").map(String);
    void act("events", () => apiRequest(path, { method: "PATCH", body: { eventTypes } }), "Events saved.");
  }

  return (
    <article
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5"
      aria-label={`Webhook ${webhook.url}`}
      data-testid="webhook"
    >
      <header className="flex flex-wrap items-center gap-2">
        <code className="font-mono text-[13px] break-all text-zinc-900">{webhook.url}</code>
        <Badge tone={webhook.enabled ? "green" : "red"}>{webhook.enabled ? "Enabled" : "Disabled"}</Badge>
        {webhook.consecutiveFailures > 0 ? <Badge tone="amber">{webhook.consecutiveFailures} failures in a row</Badge> : null}
      </header>
      {webhook.description ? <p className="text-sm text-zinc-600">{webhook.description}</p> : null}
      {!webhook.enabled && webhook.disabledReason ? <p className="text-sm text-red-700">Disabled: {webhook.disabledReason}.</p> : null}
      <form onSubmit={saveEvents} className="space-y-3" aria-label="Events of this webhook">
        <EventTypeChoices idPrefix={`webhook-${webhook.id}`} selected={webhook.eventTypes} />
        <Button type="submit" variant="secondary" size="sm" pending={pending === "events"}>
          Save events
        </Button>
      </form>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={!webhook.enabled}
          pending={pending === "test"}
          onClick={() => void act("test", () => apiRequest(`${path}/test`, { method: "POST" }), "Test event queued.")}
        >
          Send test event
        </Button>
        <Button
          variant="secondary"
          size="sm"
          pending={pending === "toggle"}
          onClick={() =>
            void act(
              "toggle",
              () => apiRequest(path, { method: "PATCH", body: { disabled: webhook.enabled } }),
              webhook.enabled ? "Disabled." : "Enabled.",
            )
          }
        >
          {webhook.enabled ? "Disable" : "Enable"}
        </Button>
        <ConfirmDialog
          trigger={{ label: "Delete", ariaLabel: `Delete the webhook to ${webhook.url}`, variant: "danger-ghost" }}
          title="Delete this webhook?"
          description={`Keysmith stops sending events to ${webhook.url}, and its delivery log is deleted with it.`}
          confirmLabel="Delete"
          action={async () => {
            await apiRequest(path, { method: "DELETE" });
            onChanged();
          }}
          done="Webhook deleted."
        />
      </div>
      {message ? (
        <p className="text-sm text-zinc-600" aria-live="polite">
          {message}
        </p>
      ) : null}
      <DeliveryLog key={logKey} webhookId={webhook.id} enabled={webhook.enabled} />
    </article>
  );
}
