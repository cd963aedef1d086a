"use client";

import { formatDateTime } from "@/components/ui/format";
import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiRequest } from "@/components/api-request";
import { useFormSubmit } from "@/components/use-form-submit";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { copyToClipboard } from "@/components/ui/clipboard";
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
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const FIELDS = ["email", "role"] as const;

interface Created {
  link: string;
  invitation: { email: string; role: string; expiresAt: string };
}

/**
 * "Invite": an email address and a role → a one-time sign-up link, shown once to copy (Keysmith
 * sends no mail and keeps only the link's hash). Owners may also invite owners.
 */
export function InviteDialog({ allowOwner }: { allowOwner: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);
  const form = useFormSubmit({
    fields: FIELDS,
    validate: (data) => {
      const body = { email: String(data.get("email") ?? "").trim(), role: String(data.get("role") ?? "member") };
      return { body, errors: body.email ? {} : { email: "Enter their email address." } };
    },
    send: (body) => apiRequest<Created>("/api/invitations", { method: "POST", body }),
    onSuccess: (invited) => {
      setCreated(invited);
      toast(`Invitation for ${invited.invitation.email} created.`);
    },
  });
  const { errors, pending } = form;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      if (created) router.refresh();
      setCreated(null);
      form.clearErrors();
      setCopied(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button>Invite</Button>
      </DialogTrigger>
      <DialogContent hideClose={pending}>
        {created ? (
          <div>
            <DialogHeader>
              <DialogTitle>Invitation link for {created.invitation.email}</DialogTitle>
              <DialogDescription>
                Send this link to them yourself. It works once, for that email address, as {created.invitation.role}, until{" "}
                {formatDateTime(created.invitation.expiresAt)}. It is shown only now.
              </DialogDescription>
            </DialogHeader>
            <div className="flex gap-2">
              <Input
                ref={linkRef}
                readOnly
                value={created.link}
                aria-label="Invitation link"
                className="font-mono text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
              <Button variant="secondary" onClick={async () => setCopied(await copyToClipboard(created.link, linkRef.current))}>
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
            <p role="status" className="sr-only">
              {copied ? "Invitation link copied." : ""}
            </p>
            <DialogFooter>
              <Button onClick={() => handleOpenChange(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form noValidate onSubmit={form.onSubmit}>
            <DialogHeader>
              <DialogTitle>Invite someone</DialogTitle>
              <DialogDescription>They sign up with the link you get next; no mail is sent.</DialogDescription>
            </DialogHeader>
            <div className="space-y-4">
              {errors.form ? (
                <Callout tone="error" role="alert">
                  {errors.form}
                </Callout>
              ) : null}
              <Field id="invite-email" label="Email" error={errors.email}>
                {({ invalid, ...control }) => (
                  <Input {...control} invalid={invalid} name="email" type="email" autoComplete="off" required autoFocus />
                )}
              </Field>
              <Field id="invite-role" label="Role" error={errors.role}>
                {(control) => (
                  <Select {...control} name="role" defaultValue="member">
                    <option value="member">Member — views keys and registries</option>
                    <option value="admin">Admin — manages keys, registries and members</option>
                    {allowOwner ? <option value="owner">Owner — everything</option> : null}
                  </Select>
                )}
              </Field>
            </div>
            <DialogFooter>
              <DialogCancel disabled={pending} />
              <Button type="submit" pending={pending}>
                Create invitation link
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
