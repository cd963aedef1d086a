"use client";

import { useEffect, useState, type RefObject } from "react";
import { Button } from "./button";
import { copyToClipboard } from "./clipboard";
import { cn } from "./cn";
import { CheckIcon, CopyIcon } from "./icons";

type CopyState = "idle" | "copied" | "failed";

interface CopyButtonProps {
  text: string;
  /** The element whose text is selected for Ctrl+C when the browser refuses to copy. */
  fallback: RefObject<HTMLElement | null>;
  /** Names what is copied for screen readers, e.g. "Copy key id". */
  label?: string;
  onCopied?: () => void;
  className?: string;
  size?: "sm" | "md";
  autoFocus?: boolean;
}

/** "Copy" with a "Copied" confirmation announced to screen readers, and a hint when copying fails. */
export function CopyButton({ text, fallback, label, onCopied, className, size, autoFocus }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const copied = await copyToClipboard(text, fallback.current);
    setState(copied ? "copied" : "failed");
    if (copied) onCopied?.();
  }

  return (
    <>
      <Button variant="secondary" size={size} onClick={copy} className={cn("shrink-0", className)} autoFocus={autoFocus} aria-label={label}>
        {state === "copied" ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
        <span aria-live="polite">{state === "copied" ? "Copied" : "Copy"}</span>
      </Button>
      {state === "failed" ? (
        <p role="alert" className="text-sm text-red-700">
          Could not copy automatically. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.
        </p>
      ) : null}
    </>
  );
}
