import Link from "next/link";
import { cn } from "@/components/ui/cn";

export const USAGE_PERIOD_CHOICES = [7, 30, 90] as const;

/** Links to the same page for another number of days; the current one is marked. */
export function PeriodPicker({ days, path }: { days: number; path: string }) {
  return (
    <nav aria-label="Period" className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5 shadow-xs">
      {USAGE_PERIOD_CHOICES.map((choice) => (
        <Link
          key={choice}
          href={`${path}?days=${choice}`}
          aria-current={choice === days ? "page" : undefined}
          className={cn(
            "rounded-md px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-zinc-900",
            choice === days ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
          )}
        >
          {choice} days
        </Link>
      ))}
    </nav>
  );
}
