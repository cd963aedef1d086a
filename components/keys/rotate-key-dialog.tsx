"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import {
  Dialog,
  DialogCancel,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format";
import { useFormSubmit } from "@/components/use-form-submit";
import type { CreatedKey, KeyView } from "@/lib/keys/view";
import { CreatedKeyView } from "./created-key-view";
import { useGuardedClose } from "./use-guarded-close";

const GRACES = [
  { value: "none", label: "No grace: the old key stops now" },
  { value: "1h", label: "1 hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
] as const;

/** The grace period always has a choice: errors show under it. */
const NO_FIELDS = [] as const;

/**
 * "Rotate": issues a new key with the same settings and shows it once; the old key keeps
 * working for the chosen grace period, then is revoked automatically.
 */
export function RotateKeyDialog({ apiKey }: { apiKey: Pick<KeyView, "id" | "name"> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [rotated, setRotated] = useState<(CreatedKey & { previous: KeyView }) | null>(null);
  const form = useFormSubmit({
    fields: NO_FIELDS,
    validate: (data) => ({ body: { grace: String(data.get("grace") ?? "24h") }, errors: {} }),
    send: (body) =>
      apiRequest<CreatedKey & { previous: KeyView }>(`/api/tokens/${encodeURIComponent(apiKey.id)}/rotate`, { method: "POST", body }),
    onSuccess: setRotated,
  });
  const { errors, pending } = form;

  const guard = useGuardedClose(rotated !== null, () => {
    setOpen(false);
    form.clearErrors();
    const refresh = rotated !== null;
    setRotated(null);
    if (refresh) router.refresh();
  });

  function handleOpenChange(next: boolean) {
    if (pending) return;
    if (next) setOpen(true);
    else guard.requestClose();
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Rotate ${apiKey.name}`}>
          Rotate
        </Button>
      </DialogTrigger>
      <DialogContent
        hideClose={pending}
        onInteractOutside={(event) => (pending || rotated) && event.preventDefault()}
        onEscapeKeyDown={(event) => pending && event.preventDefault()}
      >
        {rotated ? (
          <CreatedKeyView
            created={rotated}
            onDone={guard.close}
            askingClose={guard.asking}
            onKeepOpen={guard.keepOpen}
            title="Key rotated"
            intro={
              rotated.previous.status === "revoked"
                ? "The old key has stopped working. Deploy the new key now."
                : `The old key keeps working until ${formatDateTime(rotated.previous.revokesAt!)}. Deploy the new key before then.`
            }
          />
        ) : (
          <form onSubmit={form.onSubmit}>
            <DialogHeader>
              <DialogTitle className="break-words">Rotate {apiKey.name}?</DialogTitle>
              <DialogDescription>
                A new key with the same settings is created and shown once. The old key keeps working for the grace period you choose, then
                it is revoked automatically.
              </DialogDescription>
            </DialogHeader>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-zinc-800">Grace period for the old key</legend>
              {GRACES.map((grace) => (
                <label key={grace.value} className="flex items-center gap-2 text-sm text-zinc-700">
                  <input
                    type="radio"
                    name="grace"
                    value={grace.value}
                    defaultChecked={grace.value === "24h"}
                    className="size-4 accent-zinc-900"
                  />
                  {grace.label}
                </label>
              ))}
            </fieldset>
            {errors.form ? (
              <Callout tone="error" role="alert" className="mt-4">
                {errors.form}
              </Callout>
            ) : null}
            <DialogFooter>
              <DialogCancel disabled={pending} />
              <Button type="submit" pending={pending}>
                Rotate key
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
