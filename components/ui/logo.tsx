import { cn } from "./cn";
import { KeyIcon } from "./icons";

/** The Keysmith mark and word; `compact` hides the word on small screens. */
export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight text-zinc-900", className)}>
      <span className="grid size-7 place-items-center rounded-lg bg-zinc-900 text-white shadow-sm">
        <KeyIcon className="size-4" />
      </span>
      <span className={cn(compact && "sr-only sm:not-sr-only")}>Keysmith</span>
    </span>
  );
}
