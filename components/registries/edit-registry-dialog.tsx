"use client";

import type { FormErrors } from "@/components/form-errors";
import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/api-request";
import { Button, buttonClasses } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { useFormSubmit } from "@/components/use-form-submit";
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
import type { RegistryView } from "@/lib/registries/view";
import { RegistryFields } from "./registry-fields";
import { formatScopes, parseScopesInput } from "./scopes-input";

const FIELDS = ["name", "scopes", "upstreamId"] as const;
type EditField = (typeof FIELDS)[number];

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/** "Edit": display name, scopes and upstream. Sends only what changed. */
export function EditRegistryDialog({ registry, registries }: { registry: RegistryView; registries: RegistryView[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useFormSubmit({
    fields: FIELDS,
    validate: (data) => {
      const name = String(data.get("name") ?? "").trim();
      const scopes = parseScopesInput(String(data.get("scopes") ?? ""));
      const upstreamId = String(data.get("upstreamId") ?? "") || null;
      const errors: FormErrors<EditField> = name ? {} : { name: "Give the registry a name." };
      const body = {
        ...(name !== registry.name ? { name } : {}),
        ...(!sameList(scopes, registry.scopes) ? { scopes } : {}),
        ...(upstreamId !== (registry.upstream?.id ?? null) ? { upstreamId } : {}),
      };
      return { body, errors };
    },
    // Nothing changed: nothing to send.
    send: async (body) =>
      Object.keys(body).length === 0
        ? false
        : (await apiRequest(`/api/registries/${encodeURIComponent(registry.id)}`, { method: "PATCH", body }), true),
    onSuccess: (changed) => {
      setOpen(false);
      if (!changed) return;
      toast(`Changes to ${registry.name} saved.`);
      router.refresh();
    },
  });
  const { errors, pending } = form;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) form.clearErrors();
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger className={buttonClasses({ variant: "ghost", size: "sm" })} aria-label={`Edit ${registry.name}`} data-action="edit">
        Edit
      </DialogTrigger>
      <DialogContent hideClose={pending} onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        <form noValidate onSubmit={form.onSubmit}>
          <DialogHeader>
            <DialogTitle className="break-words">Edit {registry.name}</DialogTitle>
            <DialogDescription className="break-all">{registry.url}</DialogDescription>
          </DialogHeader>
          <div className="space-y-5">
            {errors.form ? (
              <Callout tone="error" role="alert">
                {errors.form}
              </Callout>
            ) : null}
            <RegistryFields
              idPrefix="edit-registry"
              errors={errors}
              defaults={{ name: registry.name, scopes: formatScopes(registry.scopes), upstreamId: registry.upstream?.id ?? null }}
              upstreamOptions={registries.filter((other) => other.id !== registry.id)}
              autoFocusName
            />
          </div>
          <DialogFooter>
            <DialogCancel disabled={pending} />
            <Button type="submit" pending={pending}>
              Save changes
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
