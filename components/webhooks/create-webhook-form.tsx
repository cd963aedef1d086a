"use client";

import { useRef, useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { toFormErrors, type FormErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import type { WebhookView } from "@/lib/webhooks/view";
import { EventTypeChoices } from "./event-type-choices";

const FIELDS = ["url", "eventTypes", "description"] as const;

/** "Add webhook": URL and event types; the signing secret is shown once, after saving. */
export function CreateWebhookForm({ onCreated }: { onCreated: () => void }) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors<(typeof FIELDS)[number]>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const secretRef = useRef<HTMLElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const eventTypes = data.getAll("eventTypes").map(String);
    setPending(true);
    setErrors({});
    try {
      const created = await apiRequest<{ webhook: WebhookView; secret: string }>("/api/webhooks", {
        method: "POST",
        body: { url: String(data.get("url") ?? "").trim(), eventTypes, description: String(data.get("description") ?? "").trim() },
      });
      setSecret(created.secret);
      form.reset();
      onCreated();
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {secret ? (
        <Callout tone="warning" title="Copy the signing secret now: it is not shown again">
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code ref={secretRef} className="font-mono text-[13px] break-all text-zinc-900" data-testid="webhook-secret">
              {secret}
            </code>
            <CopyButton text={secret} fallback={secretRef} label="Copy signing secret" size="sm" />
          </div>
          <p className="mt-2">
            Verify deliveries with it using any Standard Webhooks library (webhook-id, webhook-timestamp, webhook-signature).
          </p>
        </Callout>
      ) : null}
      <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Add webhook">
        {errors.form ? (
          <Callout tone="error" role="alert">
            {errors.form}
          </Callout>
        ) : null}
        <Field id="webhook-url" label="Endpoint URL" error={errors.url} hint="Keysmith POSTs signed JSON events here.">
          {({ invalid, ...control }) => (
            <Input
              {...control}
              invalid={invalid}
              name="url"
              type="url"
              placeholder="https://hooks.example.com/keysmith"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="webhook-description" label="Description" labelNote="Optional" error={errors.description}>
          {({ invalid, ...control }) => <Input {...control} invalid={invalid} name="description" autoComplete="off" />}
        </Field>
        <EventTypeChoices idPrefix="new-webhook" selected={[...WEBHOOK_EVENT_TYPES]} error={errors.eventTypes} />
        <Button type="submit" pending={pending}>
          Add webhook
        </Button>
      </form>
    </div>
  );
}
