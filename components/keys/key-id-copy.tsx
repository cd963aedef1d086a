"use client";

import { useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** The key's public id — what verification and the audit log name — with a copy button. */
export function KeyIdCopy({ keyId }: { keyId: string }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <span className="flex flex-wrap items-center gap-2">
      <code ref={ref} data-testid="key-id" className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] break-all text-zinc-700">
        {keyId}
      </code>
      <CopyButton text={keyId} fallback={ref} size="sm" label="Copy key id" />
    </span>
  );
}
