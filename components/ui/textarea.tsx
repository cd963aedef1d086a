import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Textarea({ invalid = false, className, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return (
    <textarea
      aria-invalid={invalid || undefined}
      className={cn(
        "block w-full rounded-lg border bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs transition-colors",
        "placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0",
        invalid
          ? "border-red-500 focus:border-red-500 focus:outline-red-600"
          : "border-zinc-300 hover:border-zinc-400 focus:border-zinc-500 focus:outline-sky-600",
        className,
      )}
      {...props}
    />
  );
}
