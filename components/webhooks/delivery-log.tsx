"use client";

import { useCallback, useEffect, useState } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { LocalDateTime } from "@/components/ui/time";
import type { WebhookDeliveryView } from "@/lib/webhooks/view";

const STATUS: Record<WebhookDeliveryView["status"], { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "amber" },
  delivered: { label: "Delivered", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

/** An endpoint's latest deliveries with every attempt, a Refresh, and Resend per delivery. */
export function DeliveryLog({ webhookId, enabled }: { webhookId: string; enabled: boolean }) {
  const [deliveries, setDeliveries] = useState<WebhookDeliveryView[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const fetchPage = useCallback(
    () => apiRequest<{ data: WebhookDeliveryView[] }>(`/api/webhooks/${encodeURIComponent(webhookId)}/deliveries`, { method: "GET" }),
    [webhookId],
  );
  const load = useCallback(
    () =>
      fetchPage().then(
        (page) => setDeliveries(page.data),
        (error: unknown) => setMessage(errorMessage(error)),
      ),
    [fetchPage],
  );

  useEffect(() => {
    let current = true;
    fetchPage().then(
      (page) => current && setDeliveries(page.data),
      (error: unknown) => current && setMessage(errorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, [fetchPage]);

  async function resend(deliveryId: string) {
    setPending(deliveryId);
    try {
      await apiRequest(`/api/webhooks/${encodeURIComponent(webhookId)}/resend`, { method: "POST", body: { deliveryId } });
      setMessage("Queued again.");
      await load();
    } catch (error) {
      setMessage(errorMessage(error));
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="space-y-3" data-testid="delivery-log">
      <div className="flex items-center justify-between">
        <h4 className="text-sm font-semibold text-zinc-900">Delivery log</h4>
        <Button variant="ghost" size="sm" onClick={() => void load()}>
          Refresh
        </Button>
      </div>
      {message ? (
        <p className="text-sm text-zinc-600" aria-live="polite">
          {message}
        </p>
      ) : null}
      {deliveries === null ? (
        <p className="text-sm text-zinc-500">Loading…</p>
      ) : deliveries.length === 0 ? (
        <Callout tone="info">No deliveries yet. Send a test event, or change a key.</Callout>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
          {deliveries.map((delivery) => (
            <li key={delivery.id} className="space-y-1 p-3 text-sm" data-testid="delivery">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={STATUS[delivery.status].tone}>{STATUS[delivery.status].label}</Badge>
                <code className="font-mono text-[12px] text-zinc-900">{delivery.eventType}</code>
                <LocalDateTime value={delivery.createdAt} className="text-zinc-500" />
                <span className="text-zinc-500">webhook-id {delivery.eventId}</span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  disabled={!enabled}
                  pending={pending === delivery.id}
                  onClick={() => void resend(delivery.id)}
                >
                  Resend
                </Button>
              </div>
              <ol className="space-y-0.5 text-[13px] text-zinc-600" aria-label="Attempts">
                {delivery.log.map((attempt) => (
                  <li key={attempt.attempt}>
                    Attempt {attempt.attempt}: {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : "no answer"} in{" "}
                    {attempt.durationMs} ms
                    {attempt.error ? ` — ${attempt.error}` : ""}
                  </li>
                ))}
                {delivery.nextAttemptAt ? (
                  <li>
                    Next attempt <LocalDateTime value={delivery.nextAttemptAt} />
                  </li>
                ) : null}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
