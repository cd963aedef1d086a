"use client";

import { useRouter } from "next/navigation";
import { useState, type MouseEvent } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { buttonClasses } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner, WarningIcon } from "@/components/ui/icons";
import type { RegistryView } from "@/lib/registries/view";

/** "Delete" with confirmation. The server refuses the default, the built-in registry and upstreams in use. */
export function DeleteRegistryDialog({ registry }: { registry: RegistryView }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) setError(null);
  }

  async function remove(event: MouseEvent<HTMLButtonElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await apiRequest(`/api/registries/${encodeURIComponent(registry.id)}`, { method: "DELETE" });
      setOpen(false);
      router.refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={handleOpenChange}>
      <AlertDialogTrigger className={buttonClasses({ variant: "danger-ghost", size: "sm" })} aria-label={`Delete ${registry.name}`}>
        Delete
      </AlertDialogTrigger>
      <AlertDialogContent onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        <div className="flex gap-4">
          <div aria-hidden="true" className="hidden size-10 shrink-0 place-items-center rounded-full bg-red-50 sm:grid">
            <WarningIcon className="size-5 text-red-600" />
          </div>
          <div className="min-w-0 space-y-2">
            <AlertDialogTitle className="break-words">Delete {registry.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              Packages it serves will resolve from the next registry in the list, and its stored API key is deleted with it.
            </AlertDialogDescription>
          </div>
        </div>
        {error ? (
          <Callout tone="error" role="alert" className="mt-4">
            {error}
          </Callout>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel disabled={pending} className={buttonClasses({ variant: "secondary" })}>
            Cancel
          </AlertDialogCancel>
          <AlertDialogAction
            onClick={remove}
            disabled={pending}
            aria-busy={pending || undefined}
            className={buttonClasses({ variant: "danger" })}
          >
            {pending ? <Spinner className="size-4" /> : null}
            Delete
          </AlertDialogAction>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
