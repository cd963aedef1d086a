"use client";

import { type FormErrors, focusFirstError, toFormErrors } from "@/components/form-errors";
import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest, ApiRequestError } from "@/components/api-request";
import { Button, buttonClasses } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { RegistryView } from "@/lib/registries/view";
import { KeyCheck } from "./key-check";

/** Replaces (or removes) the upstream API key. The stored key is never shown, only its mask. */
export function ReplaceKeyDialog({ registry }: { registry: RegistryView }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<"save" | "remove" | null>(null);
  const [errors, setErrors] = useState<FormErrors<"apiKey">>({});
  // Removing cannot be undone (Keysmith never shows the key again): it takes a second click.
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [keyRefused, setKeyRefused] = useState(false);
  const hasKey = registry.apiKeyMask !== null;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setErrors({});
      setConfirmRemove(false);
    }
  }

  async function send(apiKey: string | null, form: HTMLFormElement | null, saveUnchecked = false) {
    setPending(apiKey === null ? "remove" : "save");
    try {
      await apiRequest(`/api/registries/${encodeURIComponent(registry.id)}`, {
        method: "PATCH",
        body: { apiKey, ...(saveUnchecked ? { saveUnchecked } : {}) },
      });
      setPending(null);
      setOpen(false);
      toast(apiKey === null ? `API key of ${registry.name} removed.` : `API key of ${registry.name} replaced.`);
      router.refresh();
    } catch (error) {
      const next = toFormErrors(error, ["apiKey"] as const);
      setErrors(next);
      setKeyRefused(error instanceof ApiRequestError && error.code === "KEY_CHECK_FAILED");
      setPending(null);
      if (form) focusFirstError(form, next, ["apiKey"]);
    }
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const apiKey = String(data.get("apiKey") ?? "").trim();
    if (!apiKey) {
      const missing = { apiKey: "Paste the new API key." };
      setErrors(missing);
      focusFirstError(form, missing, ["apiKey"]);
      return;
    }
    await send(apiKey, form, data.get("saveUnchecked") !== null);
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
        <form noValidate onSubmit={handleSubmit}>
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
                onClick={() => (confirmRemove ? send(null, null) : setConfirmRemove(true))}
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
