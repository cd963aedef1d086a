"use client";

import type { FormErrors } from "@/components/form-errors";
import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest, ApiRequestError } from "@/components/api-request";
import { Button, buttonClasses } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useFormSubmit } from "@/components/use-form-submit";
import type { RegistryView } from "@/lib/registries/view";
import { KeyCheck } from "./key-check";

const FIELDS = ["apiKey"] as const;

/** Replaces (or removes) the upstream API key. The stored key is never shown, only its mask. */
export function ReplaceKeyDialog({ registry }: { registry: RegistryView }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Which of the two actions is under way: the form's "Replace key" or "Remove key".
  const [action, setAction] = useState<"save" | "remove">("save");
  // Removing cannot be undone (Keysmith never shows the key again): it takes a second click.
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [keyRefused, setKeyRefused] = useState(false);
  const hasKey = registry.apiKeyMask !== null;
  const form = useFormSubmit({
    fields: FIELDS,
    validate: (data) => {
      const apiKey = String(data.get("apiKey") ?? "").trim();
      const errors: FormErrors<"apiKey"> = apiKey ? {} : { apiKey: "Paste the new API key." };
      // "Save anyway": stored although the registry refused it (Test connection failed).
      const body: { apiKey: string | null; saveUnchecked?: true } = {
        apiKey,
        ...(data.get("saveUnchecked") !== null ? { saveUnchecked: true } : {}),
      };
      return { body, errors };
    },
    send: async (body) => {
      setKeyRefused(false);
      try {
        await apiRequest(`/api/registries/${encodeURIComponent(registry.id)}`, { method: "PATCH", body });
      } catch (error) {
        setKeyRefused(error instanceof ApiRequestError && error.code === "KEY_CHECK_FAILED");
        throw error;
      }
      return body.apiKey;
    },
    onSuccess: (apiKey) => {
      setOpen(false);
      toast(apiKey === null ? `API key of ${registry.name} removed.` : `API key of ${registry.name} replaced.`);
      router.refresh();
    },
  });
  const { errors } = form;
  const pending = form.pending ? action : null;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      form.clearErrors();
      setConfirmRemove(false);
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    if (!pending) setAction("save");
    void form.onSubmit(event);
  }

  function remove() {
    if (pending) return;
    setAction("remove");
    form.submit({ apiKey: null });
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger
        className={buttonClasses({ variant: "ghost", size: "sm" })}
        aria-label={`${hasKey ? "Replace key" : "Add key"} of ${registry.name}`}
      >
        {hasKey ? "Replace key" : "Add key"}
      </DialogTrigger>
      <DialogContent hideClose={pending !== null} onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        <form noValidate onSubmit={save}>
          <DialogHeader>
            <DialogTitle className="break-words">
              {hasKey ? "Replace" : "Add"} the API key of {registry.name}
            </DialogTitle>
            <DialogDescription>
              {hasKey ? (
                <>
                  The stored key <code className="font-mono text-[13px] text-zinc-900">{registry.apiKeyMask}</code> is replaced at once.
                  Keysmith stores the new one encrypted.
                </>
              ) : (
                "Keysmith stores it encrypted and only ever shows its last characters."
              )}
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-5">
            {errors.form ? (
              <Callout tone="error" role="alert">
                {errors.form}
              </Callout>
            ) : null}
            <Field id="replace-key-input" label="New API key" error={errors.apiKey}>
              {({ invalid, ...control }) => (
                <Input
                  {...control}
                  invalid={invalid}
                  name="apiKey"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  autoFocus
                />
              )}
            </Field>
            <KeyCheck target={{ registryId: registry.id }} refused={keyRefused} />
          </div>
          <DialogFooter className="sm:justify-between">
            {hasKey ? (
              <Button
                variant={confirmRemove ? "danger" : "danger-ghost"}
                onClick={() => (confirmRemove ? remove() : setConfirmRemove(true))}
                pending={pending === "remove"}
                disabled={pending !== null}
              >
                {confirmRemove ? "Click again to remove" : "Remove key"}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" pending={pending === "save"} disabled={pending !== null}>
              {hasKey ? "Replace key" : "Save key"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
