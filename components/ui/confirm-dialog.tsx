"use client";

import { useRouter } from "next/navigation";
import { useState, type MouseEvent, type ReactNode } from "react";
import { errorMessage } from "@/components/api-request";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
import { buttonClasses, type ButtonVariant } from "./button";
import { Callout } from "./callout";
import { Spinner, WarningIcon } from "./icons";
import { toast } from "./toaster";

export interface ConfirmDialogProps {
  /** The button that opens the dialog: its visible word, and its full name for screen readers when the word is not enough. */
  trigger: { label: string; ariaLabel?: string; variant?: ButtonVariant };
  title: ReactNode;
  description: ReactNode;
  /** The confirming button's word ("Revoke", "Delete", "Remove"). */
  confirmLabel: string;
  /** The request; a thrown error's message is shown in the dialog, which stays open. */
  action: () => Promise<unknown>;
  /** Said in the live region once the action succeeded ("Key revoked."). */
  done: string;
}

/**
 * The one confirmation for every destructive action: Cancel or confirm, the dialog stays open
 * (and cannot be dismissed) while the request runs, the server's message appears in it on failure;
 * on success it closes, announces `done`, and re-renders the page's server components.
 */
export function ConfirmDialog({ trigger, title, description, confirmLabel, action, done }: ConfirmDialogProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) setError(null);
  }

  async function confirm(event: MouseEvent<HTMLButtonElement>) {
    event.preventDefault(); // keep the dialog open until the server has answered
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await action();
      setOpen(false);
      toast(done);
      router.refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={handleOpenChange}>
      <AlertDialogTrigger
        className={buttonClasses({ variant: trigger.variant ?? "danger-ghost", size: "sm" })}
        aria-label={trigger.ariaLabel}
      >
        {trigger.label}
      </AlertDialogTrigger>
      <AlertDialogContent onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        <div className="flex gap-4">
          <div aria-hidden="true" className="hidden size-10 shrink-0 place-items-center rounded-full bg-red-50 sm:grid">
            <WarningIcon className="size-5 text-red-600" />
          </div>
          <div className="min-w-0 space-y-2">
            <AlertDialogTitle className="break-words">{title}</AlertDialogTitle>
            <AlertDialogDescription>{description}</AlertDialogDescription>
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
            onClick={confirm}
            disabled={pending}
            aria-busy={pending || undefined}
            className={buttonClasses({ variant: "danger" })}
          >
            {pending ? <Spinner className="size-4" /> : null}
            {confirmLabel}
          </AlertDialogAction>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
