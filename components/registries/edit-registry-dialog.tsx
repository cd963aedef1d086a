"use client";

import { type FormErrors, focusFirstError, hasErrors, toFormErrors } from "@/components/form-errors";
import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { Button, buttonClasses } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
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
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors<EditField>>({});

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) setErrors({});
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const scopes = parseScopesInput(String(data.get("scopes") ?? ""));
    const upstreamId = String(data.get("upstreamId") ?? "") || null;
    const found: FormErrors<EditField> = {};
    if (!name) found.name = "Give the registry a name.";
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(form, found, FIELDS);
      return;
    }
    const body = {
      ...(name !== registry.name ? { name } : {}),
      ...(!sameList(scopes, registry.scopes) ? { scopes } : {}),
      ...(upstreamId !== (registry.upstream?.id ?? null) ? { upstreamId } : {}),
    };
    if (Object.keys(body).length === 0) {
      setOpen(false);
      return;
    }
    setPending(true);
    try {
      await apiRequest(`/api/registries/${encodeURIComponent(registry.id)}`, { method: "PATCH", body });
      setPending(false);
      setOpen(false);
      toast(`Changes to ${registry.name} saved.`);
      router.refresh();
    } catch (error) {
      const next = toFormErrors(error, FIELDS);
      setErrors(next);
      setPending(false);
      focusFirstError(form, next, FIELDS);
    }
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger className={buttonClasses({ variant: "ghost", size: "sm" })} aria-label={`Edit ${registry.name}`} data-action="edit">
        Edit
      </DialogTrigger>
      <DialogContent hideClose={pending} onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        <form noValidate onSubmit={handleSubmit}>
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
            <Button type="submit" pending={pending}>
              Save changes
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
