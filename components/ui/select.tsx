import type { ComponentProps } from "react";
import { cn } from "./cn";

export interface SelectProps extends ComponentProps<"select"> {
  invalid?: boolean;
}

/** A native select styled like Input: keyboard and screen-reader behaviour come for free. */
export function Select({ invalid = false, className, children, ...props }: SelectProps) {
  return (
    <select
      aria-invalid={invalid || undefined}
      className={cn(
        "block h-10 w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs transition-colors",
        "focus:outline-2 focus:outline-offset-0 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500",
        invalid
          ? "border-red-500 focus:border-red-500 focus:outline-red-600"
          : "border-zinc-300 hover:border-zinc-400 focus:border-zinc-500 focus:outline-sky-600",
        className,
      )}
      {...props}
    >
      {children}
    </select>
  );
}
