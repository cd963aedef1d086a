"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { copyToClipboard } from "@/components/ui/clipboard";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";

/** A code block with a copy button. `label` names it for screen readers and tests. */
export function CopyCode({ code, label }: { code: string; label: string }) {
  const codeRef = useRef<HTMLPreElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function handleCopy() {
    setState((await copyToClipboard(code, codeRef.current)) ? "copied" : "failed");
  }

  return (
    <div className="relative rounded-lg border border-zinc-200 bg-zinc-950">
      <pre
        ref={codeRef}
        aria-label={label}
        tabIndex={0}
        className="focus-visible:outline-2 focus-visible:outline-sky-400 overflow-x-auto p-3 pr-28 font-mono text-[12.5px] leading-relaxed text-zinc-100"
      >
        <code>{code}</code>
      </pre>
      <Button variant="secondary" size="sm" onClick={handleCopy} className="absolute top-2 right-2" aria-label={`Copy ${label}`}>
        {state === "copied" ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
        <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select & copy" : "Copy"}</span>
      </Button>
    </div>
  );
}
