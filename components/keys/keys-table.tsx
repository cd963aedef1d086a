"use client";

import { useTable, type PaginationState, type SortingState } from "@tanstack/react-table";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { countOf } from "@/components/ui/format";
import { KeyIcon, SortIcon } from "@/components/ui/icons";
import { Pager } from "@/components/ui/pager";
import { ClockProvider } from "@/components/ui/time";
import type { CatalogScope } from "@/lib/keys/catalog";
import type { KeyPage } from "@/lib/keys/list";
import type { KeyPolicy } from "@/lib/keys/policy";
import { CreateKeyDialog } from "./create-key-dialog";
import { keyColumns, keyTableFeatures } from "./key-columns";
import { KeysFilters } from "./keys-filters";
import { KEY_SORTS, keysQueryString, PAGE_SIZES, type KeySort, type KeysUrlQuery } from "./list-query";

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

export interface ProjectOption {
  id: string;
  name: string;
}

export interface KeysTableProps {
  /** One page of keys, sorted and filtered by the server. */
  page: KeyPage;
  query: KeysUrlQuery;
  projects: ProjectOption[];
  catalog: CatalogScope[];
  policy: KeyPolicy;
  /** Whether the viewer may create and revoke keys (owner or admin). */
  canWrite: boolean;
  /** When the server read the page (ms since epoch); relative times hydrate against it. */
  loadedAt: number;
}

/** The keys list. Every change (sort, page, filter, search) becomes the URL query, and the server renders that page. */
export function KeysTable({ page, query, projects, catalog, policy, canWrite, loadedAt }: KeysTableProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, startNavigation] = useTransition();
  const projectNames = useMemo(() => new Map(projects.map((p) => [p.id, p.name])), [projects]);
  const columns = useMemo(() => keyColumns(canWrite, projectNames, { catalog, policy }), [canWrite, projectNames, catalog, policy]);

  const go = (next: KeysUrlQuery) => startNavigation(() => router.replace(`${pathname}${keysQueryString(next)}`, { scroll: false }));
  const sorting: SortingState = [{ id: query.sort, desc: query.order === "desc" }];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: page.pageSize };

  const table = useTable({
    features: keyTableFeatures,
    columns,
    data: page.data,
    getRowId: (key) => key.id,
    state: { sorting, pagination },
    manualSorting: true,
    manualPagination: true,
    rowCount: page.total,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
      if (next && KEY_SORTS.includes(next.id as KeySort))
        go({ ...query, sort: next.id as KeySort, order: next.desc ? "desc" : "asc", page: 1 });
    },
    onPaginationChange: (updater) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      go({ ...query, page: next.pageIndex + 1 });
    },
  });

  const filtered = Boolean(query.q || query.status || query.type || query.projectId);
  if (page.total === 0 && !filtered && query.page === 1) {
    return <EmptyState canWrite={canWrite} projects={projects} catalog={catalog} policy={policy} />;
  }
  const rows = table.getRowModel().rows;
  const pageCount = Math.max(1, Math.ceil(page.total / page.pageSize));

  return (
    <ClockProvider serverNow={loadedAt}>
      <section
        aria-labelledby="keys-table-heading"
        aria-busy={navigating || undefined}
        className="relative overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs"
      >
        <h2 id="keys-table-heading" className="sr-only">
          Keys
        </h2>
        <div className="flex flex-col gap-3 border-b border-zinc-200 p-4 lg:flex-row lg:items-center lg:justify-between">
          <KeysFilters query={query} projects={projects} onChange={go} />
          <div data-focus-fallback className="shrink-0">
            <CreateKeyDialog canWrite={canWrite} projects={projects} catalog={catalog} policy={policy} />
          </div>
        </div>

        {/* relative: also clips the table's visually hidden texts, which are absolutely positioned. */}
        {/* A scroll region when the columns need more room than the screen has; the actions column is
            sticky at its right edge, so every row's actions stay in view. */}
        <div
          data-scroll-region
          tabIndex={0}
          role="region"
          aria-label="Keys table"
          className={cn(
            "relative overflow-x-auto transition-opacity focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-zinc-900",
            navigating && "opacity-60",
          )}
        >
          {/* Below md each row is a card (flex, wrapping); the header stays for screen readers. */}
          <table className="w-full border-collapse text-left text-sm max-md:block">
            <thead className="bg-zinc-50/80 max-md:sr-only">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} className="border-b border-zinc-200">
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta;
                    const sorted = header.column.getIsSorted();
                    const sortable = header.column.getCanSort();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={sortable ? (sorted ? ARIA_SORT[sorted] : "none") : undefined}
                        className={cn(
                          "h-10 px-3 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase xl:px-4",
                          meta?.align === "end" && "text-right",
                          meta?.className,
                        )}
                      >
                        {header.isPlaceholder ? null : sortable ? (
                          <button
                            type="button"
                            onClick={header.column.getToggleSortingHandler()}
                            className={cn(
                              "-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 uppercase transition-colors",
                              "hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-900",
                              sorted && "text-zinc-900",
                              meta?.align === "end" && "flex-row-reverse",
                            )}
                          >
                            <table.FlexRender header={header} />
                            <SortIcon sort={sorted} className="size-3.5" />
                          </button>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-zinc-100 max-md:block">
              {rows.map((row) => (
                <tr
                  key={row.id}
                  data-testid="key-row"
                  data-key-id={row.original.id}
                  data-focus-row={row.original.id}
                  data-key-status={row.original.status}
                  className={cn(
                    "transition-colors hover:bg-zinc-50/70 max-md:flex max-md:flex-wrap max-md:items-start max-md:gap-x-4 max-md:gap-y-2 max-md:p-3",
                    row.original.status !== "active" && row.original.status !== "expiring" && "text-zinc-500",
                  )}
                >
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={cn(
                          "h-14 px-3 py-2.5 align-middle xl:px-4 max-md:h-auto max-md:p-0",
                          meta?.align === "end" && "text-right",
                          meta?.className,
                          cell.column.id === "name" && "max-md:w-full",
                          cell.column.id === "actions" && "max-md:static max-md:w-full max-md:shadow-none",
                        )}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))}
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={table.getAllLeafColumns().length} className="px-4 py-14 text-center">
                    <p className="font-medium text-zinc-900">{query.q ? `No keys match “${query.q}”` : "No keys match these filters"}</p>
                    <p className="mt-1 text-sm text-zinc-500">
                      Search looks at names and prefixes, and finds a key by its key id, external id or the full key.
                    </p>
                    <Button
                      variant="secondary"
                      size="sm"
                      className="mt-4"
                      onClick={() => go({ page: 1, pageSize: query.pageSize, sort: query.sort, order: query.order })}
                    >
                      Clear filters
                    </Button>
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>

        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-4 py-3 text-xs text-zinc-600">
          <p aria-live="polite" data-testid="keys-count">
            {countOf(page.total, "key")}
            {filtered ? " match" : ""} · page {query.page} of {pageCount}
          </p>
          <Pager
            page={query.page}
            pageCount={pageCount}
            pageSize={query.pageSize}
            pageSizes={PAGE_SIZES}
            onChange={(next) => go({ ...query, ...next })}
          />
        </div>
      </section>
    </ClockProvider>
  );
}

function EmptyState({ canWrite, ...create }: { canWrite: boolean; projects: ProjectOption[]; catalog: CatalogScope[]; policy: KeyPolicy }) {
  return (
    <section className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-16 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-zinc-100 text-zinc-600">
        <KeyIcon className="size-6" />
      </div>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">No API keys yet</h2>
      <p className="mt-1 max-w-sm text-sm leading-relaxed text-zinc-600">
        {canWrite
          ? "Create a key for each service that calls your APIs, so you can revoke one without touching the others."
          : "When an owner or admin creates a key, it will be listed here."}
      </p>
      {canWrite ? (
        <div className="mt-6">
          <CreateKeyDialog canWrite {...create} />
        </div>
      ) : null}
    </section>
  );
}
