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
import type { MemberView } from "@/lib/members/service";

/** "Remove" with confirmation: the member loses access and is signed out everywhere. */
export function RemoveMemberDialog({ member }: { member: Pick<MemberView, "id" | "email"> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove(event: MouseEvent<HTMLButtonElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await apiRequest(`/api/members/${encodeURIComponent(member.id)}`, { method: "DELETE" });
      setOpen(false);
      router.refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger className={buttonClasses({ variant: "danger-ghost", size: "sm" })}>Remove</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle className="break-words">Remove {member.email}?</AlertDialogTitle>
        <AlertDialogDescription className="mt-2">
          They lose access to this organisation at once and are signed out everywhere. Keys they created keep verifying for your services
          but lose their authority on Keysmith&apos;s API.
        </AlertDialogDescription>
        {error ? (
          <Callout tone="error" className="mt-4">
            {error}
          </Callout>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel disabled={pending} className={buttonClasses({ variant: "secondary" })}>
            Cancel
          </AlertDialogCancel>
          <AlertDialogAction onClick={remove} disabled={pending} className={buttonClasses({ variant: "danger" })}>
            Remove
          </AlertDialogAction>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
