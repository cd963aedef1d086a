"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import type { CreatedKey } from "@/lib/keys/view";
import { UseKeyPanel } from "./use-key-panel";

export interface CreatedKeyViewProps {
  created: CreatedKey;
  /** Closes the dialog: "Done", or "Yes, close" after the question. */
  onDone: () => void;
  /** Set when Escape or × asked to close: the view asks whether the key was copied first. */
  askingClose: boolean;
  onKeepOpen: () => void;
  title?: string;
  intro?: ReactNode;
}

/**
 * The new key, shown once with a copy button, a warning and how to use it; after create and after
 * rotate. Only "Done" closes it at once: Escape and × ask "Did you copy the key?" first.
 */
export function CreatedKeyView({ created, onDone, askingClose, onKeepOpen, title = "API key created", intro }: CreatedKeyViewProps) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (askingClose) keepRef.current?.focus();
  }, [askingClose]);

  if (askingClose) {
    return (
      <div data-testid="confirm-close-key">
        <DialogHeader>
          <DialogTitle>Did you copy the key?</DialogTitle>
          <DialogDescription className="break-words">
            {copied
              ? "You copied it. Once this window closes, Keysmith cannot show the key again."
              : "You have not copied it yet. Once this window closes, Keysmith cannot show the key again: you would have to create a new one."}
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="secondary" onClick={onDone}>
            Yes, close
          </Button>
          <Button ref={keepRef} onClick={onKeepOpen}>
            Back to the key
          </Button>
        </DialogFooter>
      </div>
    );
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
            <CopyButton text={created.rawKey} fallback={fieldRef} onCopied={() => setCopied(true)} className="sm:w-28" autoFocus />
          </div>
        </div>

        <UseKeyPanel created={created} />
      </div>

      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
