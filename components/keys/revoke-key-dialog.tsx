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
import type { KeyView } from "@/lib/keys/view";

export interface RevokeKeyDialogProps {
  apiKey: Pick<KeyView, "id" | "name">;
}

/** A "Revoke" button that asks for confirmation, revokes the key and refreshes the page's data. */
export function RevokeKeyDialog({ apiKey }: RevokeKeyDialogProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) setError(null);
  }

  async function revoke(event: MouseEvent<HTMLButtonElement>) {
    // Keep the dialog open until the server has answered.
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await apiRequest<{ key: KeyView }>(`/api/tokens/${encodeURIComponent(apiKey.id)}`, { method: "DELETE" });
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
      <AlertDialogTrigger className={buttonClasses({ variant: "danger-ghost", size: "sm" })}>Revoke</AlertDialogTrigger>
      <AlertDialogContent onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        <div className="flex gap-4">
          <div aria-hidden="true" className="hidden size-10 shrink-0 place-items-center rounded-full bg-red-50 sm:grid">
            <WarningIcon className="size-5 text-red-600" />
          </div>
          <div className="min-w-0 space-y-2">
            <AlertDialogTitle className="break-words">Revoke {apiKey.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              Services using this key will stop working immediately. Revoking cannot be undone.
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
            onClick={revoke}
            disabled={pending}
            aria-busy={pending || undefined}
            className={buttonClasses({ variant: "danger" })}
          >
            {pending ? <Spinner className="size-4" /> : null}
            Revoke
          </AlertDialogAction>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
