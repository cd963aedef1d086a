import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type BadgeTone = "green" | "red" | "amber" | "grey" | "blue" | "neutral";

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  green: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/25", dot: "bg-emerald-500" },
  red: { badge: "bg-red-50 text-red-800 ring-red-600/25", dot: "bg-red-500" },
  amber: { badge: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500" },
  grey: { badge: "bg-zinc-100 text-zinc-700 ring-zinc-500/25", dot: "bg-zinc-400" },
  blue: { badge: "bg-sky-50 text-sky-800 ring-sky-600/25", dot: "bg-sky-500" },
  neutral: { badge: "bg-white text-zinc-700 ring-zinc-300", dot: "bg-zinc-400" },
};

interface BadgeProps extends Omit<ComponentProps<"span">, "children"> {
  tone?: BadgeTone;
  /** A coloured dot before the text; the text itself always carries the meaning. */
  dot?: boolean;
  className?: string;
  children: ReactNode;
}

export function Badge({ tone = "neutral", dot = false, className, children, ...props }: BadgeProps) {
  const style = tones[tone];
  return (
    <span
      {...props}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        style.badge,
        className,
      )}
    >
      {dot ? <span aria-hidden="true" className={cn("size-1.5 rounded-full", style.dot)} /> : null}
      {children}
    </span>
  );
}
