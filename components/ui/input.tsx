import type { ComponentProps } from "react";
import { cn } from "./cn";

export interface InputProps extends ComponentProps<"input"> {
  invalid?: boolean;
}

export function Input({ invalid = false, className, ...props }: InputProps) {
  return (
    <input
      aria-invalid={invalid || undefined}
      className={cn(
        "block h-10 w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs transition-colors",
        // focus-within too: a date input's focus sits in its inner fields, where :focus does not reach.
        "placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus-within:outline-2 focus-within:outline-offset-0",
        "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500",
        "read-only:bg-zinc-50",
        invalid
          ? "border-red-500 focus:border-red-500 focus:outline-red-600 focus-within:outline-red-600"
          : "border-zinc-300 hover:border-zinc-400 focus:border-zinc-500 focus:outline-sky-600 focus-within:outline-sky-600",
        className,
      )}
      {...props}
    />
  );
}
