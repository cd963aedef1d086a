import type { ReactNode } from "react";
import { cn } from "./cn";

interface PanelProps {
  title: string;
  description?: ReactNode;
  /** Shown at the right of the title, e.g. a period picker. */
  aside?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled white card: one section of a page. */
export function Panel({ title, description, aside, className, children }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className={cn("rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5", className)}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-0.5">
          <h2 id={id} className="text-base font-semibold text-zinc-900">
            {title}
          </h2>
          {description ? <p className="text-sm text-zinc-500">{description}</p> : null}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}
