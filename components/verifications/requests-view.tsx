import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LocalDateTime } from "@/components/ui/time";
import type { VerificationPage } from "@/lib/verification-log/query";
import { LOGGED_CODES } from "@/lib/validations/verification-log";

/** Filters as they stand in the page's URL (strings, as typed). */
export interface RequestFilters {
  code?: string;
  ip?: string;
  keyId?: string;
  from?: string;
  to?: string;
}

const FILTER_NAMES = ["code", "ip", "keyId", "from", "to"] as const;

/** The URL query of the filters (and any fixed parameters such as the tab), for links and the CSV download. */
export function filterQuery(filters: RequestFilters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra);
  for (const name of FILTER_NAMES) if (filters[name]) query.set(name, filters[name]!);
  const text = query.toString();
  return text ? `?${text}` : "";
}

function toneOf(code: string): BadgeTone {
  if (code === "VALID") return "green";
  if (code === "RATE_LIMITED" || code === "USAGE_EXCEEDED") return "amber";
  if (code === "UNAVAILABLE" || code === "INTERNAL" || code === "VALIDATION_FAILED") return "grey";
  return "red";
}

interface RequestsViewProps {
  page: VerificationPage;
  filters: RequestFilters;
  /** The page these filters apply to, e.g. "/requests" or "/keys/<id>". */
  path: string;
  /** Fixed query parameters of the page (the key page's tab). */
  fixed?: Record<string, string>;
  /** The CSV export's route; the filters are added. */
  exportPath: string;
  /** The organisation's view: a key column and a key filter. */
  orgWide?: boolean;
  /** Why the filters in the URL were not applied, if they were not. */
  filterError?: string | null;
}

/**
 * Verification requests, newest first, with filters that live in the URL (a GET form: a filtered
 * view can be bookmarked and shared) and the same filters' CSV download.
 */
export function RequestsView({ page, filters, path, fixed = {}, exportPath, orgWide = false, filterError }: RequestsViewProps) {
  return (
    <div className="space-y-4">
      <form method="get" action={path} className="flex flex-wrap items-end gap-3" aria-label="Filter requests">
        {Object.entries(fixed).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-zinc-800">Code</span>
          <Select name="code" defaultValue={filters.code ?? ""} className="w-48">
            <option value="">Any</option>
            {LOGGED_CODES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
        </label>
        {orgWide ? (
          <label className="space-y-1 text-sm">
            <span className="block font-medium text-zinc-800">Key id</span>
            <Input
              name="keyId"
              defaultValue={filters.keyId ?? ""}
              placeholder="12 characters"
              className="w-40 font-mono"
              spellCheck={false}
            />
          </label>
        ) : null}
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-zinc-800">Address</span>
          <Input name="ip" defaultValue={filters.ip ?? ""} placeholder="203.0.113.7" className="w-44 font-mono" spellCheck={false} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-zinc-800">From</span>
          <Input name="from" type="date" defaultValue={filters.from ?? ""} className="w-40" />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-zinc-800">To</span>
          <Input name="to" type="date" defaultValue={filters.to ?? ""} className="w-40" />
        </label>
        <button type="submit" className={buttonClasses({ variant: "secondary" })}>
          Filter
        </button>
        <Link href={`${path}${filterQuery({}, fixed)}`} className={buttonClasses({ variant: "ghost" })}>
          Clear
        </Link>
        <a href={`${exportPath}${filterQuery(filters)}`} className={buttonClasses({ variant: "secondary", className: "ml-auto" })} download>
          Download CSV
        </a>
      </form>
      {filterError ? <Callout tone="error">{filterError}</Callout> : null}
      {page.data.length === 0 ? (
        <p className="text-sm text-zinc-500" data-testid="requests-empty">
          No requests match. Verifications appear here within about a second.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="requests-table">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Time
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Code
                </th>
                {orgWide ? (
                  <th scope="col" className="hidden py-2 pr-3 font-medium lg:table-cell">
                    Key
                  </th>
                ) : null}
                <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">
                  Address
                </th>
                <th scope="col" className="hidden py-2 pr-3 font-medium xl:table-cell">
                  User agent
                </th>
                <th scope="col" className="hidden py-2 pr-3 font-medium xl:table-cell">
                  Scopes
                </th>
                <th scope="col" className="hidden py-2 text-right font-medium lg:table-cell">
                  Latency
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {page.data.map((row) => (
                <tr key={row.id} data-testid="request-row">
                  <td className="py-2 pr-3 text-zinc-700 sm:whitespace-nowrap">
                    <LocalDateTime value={row.at} />
                  </td>
                  <td className="py-2 pr-3">
                    <Badge tone={toneOf(row.code)}>{row.code}</Badge>
                    {row.count > 1 ? (
                      <span
                        className="ml-1.5 text-xs text-zinc-600 tabular-nums"
                        title={`${row.count} identical requests within a second`}
                        data-testid="request-count"
                      >
                        ×{row.count.toLocaleString("en")}
                      </span>
                    ) : null}
                  </td>
                  {orgWide ? (
                    <td className="hidden py-2 pr-3 lg:table-cell">
                      {row.keyRowId && row.keyName ? (
                        <Link
                          href={`/keys/${row.keyRowId}?tab=requests`}
                          className="font-medium text-zinc-900 underline underline-offset-2"
                        >
                          {row.keyName}
                        </Link>
                      ) : (
                        <code className="font-mono text-xs text-zinc-600">{row.keyId ?? "—"}</code>
                      )}
                    </td>
                  ) : null}
                  <td className="hidden py-2 pr-3 font-mono text-xs text-zinc-700 sm:table-cell">{row.ip ?? "—"}</td>
                  <td className="hidden max-w-64 truncate py-2 pr-3 text-xs text-zinc-600 xl:table-cell" title={row.userAgent ?? undefined}>
                    {row.userAgent ?? "—"}
                  </td>
                  <td className="hidden py-2 pr-3 font-mono text-xs text-zinc-600 xl:table-cell">{row.scopes.join(" ") || "—"}</td>
                  <td className="hidden py-2 text-right text-xs text-zinc-600 tabular-nums lg:table-cell">{row.latencyMs.toFixed(1)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor ? (
        <Link
          href={`${path}${filterQuery(filters, { ...fixed, cursor: page.nextCursor })}`}
          className={buttonClasses({ variant: "secondary" })}
        >
          Older requests
        </Link>
      ) : null}
    </div>
  );
}
