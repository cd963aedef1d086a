"use client";

import { formatDateTime } from "@/components/ui/format";
import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { copyToClipboard } from "@/components/ui/clipboard";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      if (created) router.refresh();
      setCreated(null);
      setError(null);
      setCopied(false);
    }
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const invited = await apiRequest<Created>("/api/invitations", {
        method: "POST",
        body: { email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "member") },
      });
      setCreated(invited);
      toast(`Invitation for ${invited.invitation.email} created.`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
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
          <form noValidate onSubmit={handleSubmit}>
            <DialogHeader>
              <DialogTitle>Invite someone</DialogTitle>
              <DialogDescription>They sign up with the link you get next; no mail is sent.</DialogDescription>
            </DialogHeader>
            <div className="space-y-4">
              {error ? (
                <Callout tone="error" role="alert">
                  {error}
                </Callout>
              ) : null}
              <Field id="invite-email" label="Email">
                {(control) => <Input {...control} name="email" type="email" autoComplete="off" required autoFocus />}
              </Field>
              <Field id="invite-role" label="Role">
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
