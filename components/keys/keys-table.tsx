"use client";

import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  metaHelper,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type SortingState,
} from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { KeyIcon, SearchIcon, SortIcon } from "@/components/ui/icons";
import { ClockProvider, LocalDate, RelativeTime } from "@/components/ui/time";
import type { KeyStatusView, KeyView } from "@/lib/keys/view";
import { CreateKeyDialog } from "./create-key-dialog";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { ScopeList } from "./scope-list";
import { ToggleKeyButton } from "./toggle-key-button";

// Today the server sends every key of the organisation and the table sorts and searches
// them in the browser. For server-side pagination, keep `sorting` and `search` as they are,
// send them with the request, and set manualSorting / manualFiltering (plus
// rowPaginationFeature with manualPagination and rowCount) so the table trusts the order
// and rows it is given.

interface KeyColumnMeta {
  /** Classes for both the header and the cells of the column (e.g. hiding it on small screens). */
  className?: string;
  align?: "end";
}

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnMeta: metaHelper<KeyColumnMeta>(),
});

const column = createColumnHelper<typeof features, KeyView>();

const STATUS: Record<KeyStatusView, { label: string; tone: BadgeTone; order: number }> = {
  active: { label: "Active", tone: "green", order: 0 },
  disabled: { label: "Disabled", tone: "amber", order: 1 },
  expired: { label: "Expired", tone: "grey", order: 2 },
  revoked: { label: "Revoked", tone: "red", order: 3 },
};

/** Never-used keys sort as the oldest. */
const timeOf = (iso: string | null) => (iso === null ? Number.NEGATIVE_INFINITY : Date.parse(iso));
const byTime =
  (field: "createdAt" | "lastUsedAt") =>
  (a: { original: KeyView }, b: { original: KeyView }) =>
    timeOf(a.original[field]) - timeOf(b.original[field]);

const countFormat = new Intl.NumberFormat("en-US");

const dataColumns = [
  column.accessor("name", {
    header: "Name",
    sortFn: "alphanumeric",
    // Scopes sit under the name: a column of their own would push the actions off narrower screens.
    cell: ({ row }) => (
      <div className="space-y-1">
        <Link
          href={`/keys/${row.original.id}`}
          className="block max-w-40 truncate font-medium text-zinc-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-zinc-900 sm:max-w-64"
          title={row.original.name}
        >
          {row.original.name}
        </Link>
        <ScopeList scopes={row.original.scopes} />
      </div>
    ),
  }),
  column.accessor("prefix", {
    header: "Prefix",
    sortFn: "alphanumeric",
    cell: ({ row }) => (
      <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] whitespace-nowrap text-zinc-700">
        <span>{row.original.prefix}</span>
        <span aria-hidden="true" className="text-zinc-400 select-none">
          …
        </span>
      </code>
    ),
  }),
  column.accessor("status", {
    header: "Status",
    sortFn: (a, b) => STATUS[a.original.status].order - STATUS[b.original.status].order,
    cell: ({ row }) => <StatusCell apiKey={row.original} />,
  }),
  column.accessor("createdAt", {
    header: "Created",
    sortFn: byTime("createdAt"),
    sortDescFirst: true,
    meta: { className: "hidden md:table-cell" },
    cell: ({ row }) => <LocalDate value={row.original.createdAt} className="whitespace-nowrap" />,
  }),
  column.accessor("lastUsedAt", {
    header: "Last used",
    sortFn: byTime("lastUsedAt"),
    sortDescFirst: true,
    cell: ({ row }) =>
      row.original.lastUsedAt ? (
        <RelativeTime value={row.original.lastUsedAt} past className="whitespace-nowrap" />
      ) : (
        <span className="text-zinc-400">never</span>
      ),
  }),
  column.accessor("usageCount", {
    header: "Usage",
    sortFn: "basic",
    sortDescFirst: true,
    meta: { align: "end", className: "hidden sm:table-cell" },
    cell: ({ row }) => <span className="tabular-nums">{countFormat.format(row.original.usageCount)}</span>,
  }),
];

const actionsColumn = column.display({
  id: "actions",
  header: () => <span className="sr-only">Actions</span>,
  meta: { align: "end" },
  cell: ({ row }) => {
    const key = row.original;
    if (key.status !== "active" && key.status !== "disabled") return null;
    return (
      <div className="flex items-center justify-end gap-1">
        <ToggleKeyButton apiKey={key} />
        <RevokeKeyDialog apiKey={key} />
      </div>
    );
  },
});

// Two stable column sets: members see no (empty) actions column at all.
const readOnlyColumns = column.columns(dataColumns);
const manageColumns = column.columns([...dataColumns, actionsColumn]);

const SEARCHABLE_COLUMNS = new Set(["name", "prefix"]);
const canSearchColumn = (col: { id: string }) => SEARCHABLE_COLUMNS.has(col.id);
const rowId = (key: KeyView) => key.id;
const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

function StatusCell({ apiKey }: { apiKey: KeyView }) {
  const status = STATUS[apiKey.status];
  // The detail never repeats the status word, so the badge is the only "Revoked"/"Expired" in the row.
  let detail = null;
  if (apiKey.status === "revoked" && apiKey.revokedAt) {
    detail = <RelativeTime value={apiKey.revokedAt} past />;
  } else if (apiKey.status === "expired" && apiKey.expiresAt) {
    detail = <RelativeTime value={apiKey.expiresAt} past />;
  } else if (apiKey.expiresAt) {
    detail = (
      <>
        Expires <RelativeTime value={apiKey.expiresAt} />
      </>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge tone={status.tone} dot data-testid="key-status">
        {status.label}
      </Badge>
      {detail ? <span className="text-xs whitespace-nowrap text-zinc-500">{detail}</span> : null}
    </div>
  );
}

export interface KeysTableProps {
  /** Every key of the organisation, newest first. */
  keys: KeyView[];
  /** Whether the viewer may create and revoke keys (owner or admin). */
  canWrite: boolean;
  /** When the server read `keys` (ms since epoch); relative times hydrate against it. */
  loadedAt: number;
}

export function KeysTable({ keys, canWrite, loadedAt }: KeysTableProps) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "createdAt", desc: true }]);
  const [search, setSearch] = useState("");
  const query = search.trim();

  const table = useTable({
    features,
    columns: canWrite ? manageColumns : readOnlyColumns,
    data: keys,
    getRowId: rowId,
    state: { sorting, globalFilter: query },
    onSortingChange: setSorting,
    onGlobalFilterChange: (updater) =>
      setSearch((current) => String((typeof updater === "function" ? updater(current) : updater) ?? "")),
    globalFilterFn: "includesString",
    getColumnCanGlobalFilter: canSearchColumn,
    enableMultiSort: false,
    enableSortingRemoval: false,
  });

  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;

  if (keys.length === 0) {
    return <EmptyState canWrite={canWrite} />;
  }

  return (
    <ClockProvider serverNow={loadedAt}>
      <section aria-labelledby="keys-table-heading" className="relative overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
        <h2 id="keys-table-heading" className="sr-only">
          Keys
        </h2>
        <div className="flex flex-col gap-3 border-b border-zinc-200 p-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="relative w-full sm:max-w-xs">
            <label htmlFor="keys-search" className="sr-only">
              Search keys
            </label>
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
            <input
              id="keys-search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="Search by name or prefix"
              autoComplete="off"
              spellCheck={false}
              className={cn(
                "block h-9 w-full rounded-lg border border-zinc-300 bg-white pr-3 pl-9 text-sm text-zinc-900 shadow-xs",
                "placeholder:text-zinc-400 hover:border-zinc-400 focus:border-zinc-500 focus:outline-2 focus:outline-zinc-900/15",
              )}
            />
          </div>
          <CreateKeyDialog canWrite={canWrite} />
        </div>

        {/* relative: also clips the table's visually hidden texts, which are absolutely positioned. */}
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead className="bg-zinc-50/80">
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
                          "h-10 px-4 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase",
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
            <tbody className="divide-y divide-zinc-100">
              {rows.map((row) => (
                <tr
                  key={row.id}
                  data-testid="key-row"
                  data-key-id={row.original.id}
                  data-key-status={row.original.status}
                  className={cn("transition-colors hover:bg-zinc-50/70", row.original.status !== "active" && "text-zinc-500")}
                >
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={cn("h-14 px-4 py-2.5 align-middle", meta?.align === "end" && "text-right", meta?.className)}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))}
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={columnCount} className="px-4 py-14 text-center">
                    <p className="font-medium text-zinc-900">No keys match “{query}”</p>
                    <p className="mt-1 text-sm text-zinc-500">Search looks at key names and prefixes.</p>
                    <Button variant="secondary" size="sm" className="mt-4" onClick={() => setSearch("")}>
                      Clear search
                    </Button>
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>

        <p aria-live="polite" className="border-t border-zinc-200 px-4 py-3 text-xs text-zinc-500">
          {query
            ? `${rows.length} of ${keys.length} ${keys.length === 1 ? "key" : "keys"} match`
            : `${keys.length} ${keys.length === 1 ? "key" : "keys"}`}
        </p>
      </section>
    </ClockProvider>
  );
}

function EmptyState({ canWrite }: { canWrite: boolean }) {
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
          <CreateKeyDialog canWrite />
        </div>
      ) : null}
    </section>
  );
}
