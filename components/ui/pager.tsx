"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "./button";

export interface PagerProps {
  page: number;
  pageCount: number;
  pageSize: number;
  pageSizes: readonly number[];
  /** A new page or page size (a new size starts again at page 1). */
  onChange: (next: { page: number; pageSize: number }) => void;
}

/** Rows per page, Previous / Next, and a page number to jump to ("Page [12] of 45"). */
export function Pager({ page, pageCount, pageSize, pageSizes, onChange }: PagerProps) {
  const id = useId();
  // The typed number, until it is submitted; a new page from outside resets it.
  const [typed, setTyped] = useState<{ for: number; value: string } | null>(null);
  const value = typed && typed.for === page ? typed.value : String(page);

  function jump(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = Math.min(Math.max(Math.trunc(Number(value)) || 1, 1), pageCount);
    setTyped(null);
    if (target !== page) onChange({ page: target, pageSize });
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2" data-testid="pager">
      <label htmlFor={`${id}-size`} className="flex items-center gap-2">
        Rows per page
        <select
          id={`${id}-size`}
          value={pageSize}
          onChange={(event) => onChange({ page: 1, pageSize: Number(event.target.value) })}
          className="h-8 rounded-lg border border-zinc-300 bg-white px-2 text-sm text-zinc-900 hover:border-zinc-400"
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onChange({ page: page - 1, pageSize })}>
          Previous
        </Button>
        <form onSubmit={jump} className="flex items-center gap-1.5" aria-label="Go to page">
          <label htmlFor={`${id}-page`}>Page</label>
          <input
            id={`${id}-page`}
            type="number"
            inputMode="numeric"
            min={1}
            max={pageCount}
            value={value}
            onChange={(event) => setTyped({ for: page, value: event.target.value })}
            className="h-8 w-16 rounded-lg border border-zinc-300 bg-white px-2 text-sm text-zinc-900 tabular-nums hover:border-zinc-400"
          />
          <span>of {pageCount.toLocaleString("en-US")}</span>
          <Button type="submit" variant="ghost" size="sm">
            Go
          </Button>
        </form>
        <Button variant="secondary" size="sm" disabled={page >= pageCount} onClick={() => onChange({ page: page + 1, pageSize })}>
          Next
        </Button>
      </div>
    </div>
  );
}
