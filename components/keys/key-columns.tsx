"use client";

import Link from "next/link";
import { createColumnHelper, metaHelper, rowPaginationFeature, rowSortingFeature, tableFeatures } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { LocalDate, RelativeTime } from "@/components/ui/time";
import type { KeyView } from "@/lib/keys/view";
import { StatusCell } from "./key-status";
import { KeyActionButtons, type KeyEditOptions } from "./key-actions";
import { ScopeList } from "./scope-list";

export interface KeyColumnMeta {
  /** Classes for both the header and the cells of the column (e.g. hiding it on small screens). */
  className?: string;
  align?: "end";
}

// Sorting and pagination happen in the database (GET /api/tokens): the table only shows the
// page it is given and reports the sort the user picks.
export const keyTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature, columnMeta: metaHelper<KeyColumnMeta>() });

const column = createColumnHelper<typeof keyTableFeatures, KeyView>();
const countFormat = new Intl.NumberFormat("en-US");

function dataColumns(projectNames: Map<string, string>) {
  return [
    column.accessor("name", {
      header: "Name",
      // Access and project sit under the name: columns of their own would push the actions off narrower screens.
      cell: ({ row }) => (
        <div className="flex flex-col items-start gap-1">
          <Link
            href={`/keys/${row.original.id}`}
            className="block max-w-40 truncate font-medium text-zinc-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-zinc-900 sm:max-w-64 md:max-w-40 xl:max-w-64"
            title={row.original.name}
          >
            {row.original.name}
          </Link>
          <div className="flex flex-wrap items-center gap-1.5">
            {row.original.role ? (
              <Badge tone="grey" title={row.original.scopes.join(", ")}>
                {row.original.role}
              </Badge>
            ) : (
              <ScopeList scopes={row.original.scopes} />
            )}
            {row.original.projectId ? (
              <span className="text-xs text-zinc-500" data-testid="key-project">
                {projectNames.get(row.original.projectId) ?? "Project"}
              </span>
            ) : null}
          </div>
        </div>
      ),
    }),
    column.accessor("maskedValue", {
      id: "key",
      header: "Key",
      enableSorting: false,
      // In the cards below md, and from lg up; between them the table keeps to what fits.
      meta: { className: "md:hidden lg:table-cell" },
      cell: ({ row }) => (
        <div className="flex flex-col items-start gap-1">
          <Badge
            tone={row.original.type === "pk" ? "blue" : "neutral"}
            data-testid="key-type"
            title={row.original.type === "pk" ? "Publishable key" : "Secret key"}
          >
            {row.original.type === "pk" ? "Publishable" : "Secret"}
          </Badge>
          <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] whitespace-nowrap text-zinc-700">
            {row.original.maskedValue}
          </code>
        </div>
      ),
    }),
    column.accessor("status", {
      header: "Status",
      enableSorting: false,
      cell: ({ row }) => <StatusCell apiKey={row.original} />,
    }),
    column.accessor("expiresAt", {
      header: "Expires",
      // Soonest first: the keys that need attention.
      sortDescFirst: false,
      meta: { className: "hidden xl:table-cell" },
      cell: ({ row }) =>
        row.original.expiresAt ? (
          <LocalDate value={row.original.expiresAt} className="whitespace-nowrap" />
        ) : (
          <span className="text-zinc-500">never</span>
        ),
    }),
    column.accessor("createdAt", {
      header: "Created",
      sortDescFirst: true,
      // Shown on wide screens only, so the actions stay in view.
      meta: { className: "hidden 2xl:table-cell" },
      cell: ({ row }) => <LocalDate value={row.original.createdAt} className="whitespace-nowrap" />,
    }),
    column.accessor("lastUsedAt", {
      header: "Last used",
      sortDescFirst: true,
      meta: { className: "md:hidden lg:table-cell" },
      cell: ({ row }) =>
        row.original.lastUsedAt ? (
          <RelativeTime value={row.original.lastUsedAt} past className="whitespace-nowrap" />
        ) : (
          <span className="text-zinc-500">never</span>
        ),
    }),
    column.accessor("usageCount", {
      header: "Usage",
      sortDescFirst: true,
      meta: { align: "end", className: "hidden xl:table-cell" },
      cell: ({ row }) => <span className="tabular-nums">{countFormat.format(row.original.usageCount)}</span>,
    }),
  ];
}

function actionsColumn(edit: KeyEditOptions) {
  return column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    // Sticky at the right edge: the actions stay in view however wide the other columns are.
    meta: { align: "end", className: "sticky right-0 bg-white shadow-[-8px_0_8px_-8px_rgb(0_0_0/0.12)]" },
    cell: ({ row }) => <KeyActionButtons apiKey={row.original} edit={edit} />,
  });
}

/** Members see no (empty) actions column at all. */
export function keyColumns(canWrite: boolean, projectNames: Map<string, string>, edit: KeyEditOptions) {
  const data = dataColumns(projectNames);
  if (!canWrite) return column.columns(data);
  return column.columns([...data, actionsColumn(edit)]);
}
