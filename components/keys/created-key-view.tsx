"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import type { CreatedKey } from "@/lib/keys/view";

type CopyState = "idle" | "copied" | "failed";

/** Tries the Clipboard API, then the legacy command (plain-HTTP installs have no Clipboard API). */
async function copyToClipboard(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the legacy path.
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

/** The new key, shown once with a copy button and a warning; used after create and after rotate. */
export function CreatedKeyView({ created, onDone, title = "API key created", intro }: { created: CreatedKey; onDone: () => void; title?: string; intro?: ReactNode }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>("idle");

  useEffect(() => {
    if (copy !== "copied") return;
    const timer = setTimeout(() => setCopy("idle"), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  async function handleCopy() {
    const copied = await copyToClipboard(created.rawKey, fieldRef.current);
    setCopy(copied ? "copied" : "failed");
    if (!copied) fieldRef.current?.select();
  }

  return (
    <div>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription className="break-words">
          {intro ?? (
            <>
              Your new key <span className="font-medium text-zinc-900">{created.key.name}</span> is ready to use.
            </>
          )}
        </DialogDescription>
      </DialogHeader>

      <div className="space-y-4">
        <Callout tone="warning" role="alert" title="This key will not be shown again. Save it now.">
          Store it in your secret manager. If it is lost, revoke it and create a new one.
        </Callout>

        <div className="space-y-1.5">
          <label htmlFor="created-raw-key" className="text-sm font-medium text-zinc-800">
            API key
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Input
              ref={fieldRef}
              id="created-raw-key"
              data-testid="raw-key"
              value={created.rawKey}
              readOnly
              spellCheck={false}
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize="none"
              onFocus={(event) => event.currentTarget.select()}
              className="font-mono text-[13px] tracking-tight"
            />
            <Button variant="secondary" onClick={handleCopy} className="sm:w-28" autoFocus>
              {copy === "copied" ? (
                <CheckIcon className="size-4 text-emerald-600" />
              ) : (
                <CopyIcon className="size-4" />
              )}
              <span aria-live="polite">{copy === "copied" ? "Copied" : "Copy"}</span>
            </Button>
          </div>
          {copy === "failed" ? (
            <p role="alert" className="text-sm text-red-700">
              Could not copy automatically. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.
            </p>
          ) : null}
        </div>
      </div>

      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
