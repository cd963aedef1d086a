"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { countOf } from "@/components/ui/format";
import { LocalDateTime } from "@/components/ui/time";
import type { AuditEventView, AuditPage } from "@/lib/audit/query";
import { actionLabel } from "./action-labels";
import { AuditFilters, type AuditFilterValues } from "./audit-filters";
import { auditFiltersSearch, filterQuery } from "./filter-query";

function toneOf(action: string) {
  if (action.endsWith("_failed") || action.endsWith(".revoke") || action.endsWith(".delete")) return "red" as const;
  if (action.startsWith("auth.")) return "grey" as const;
  return "blue" as const;
}

/** "name: Mirror · scopes: @company" — what changed, in one line; the whole JSON on hover. */
function detailsOf(metadata: AuditEventView["metadata"]): string | null {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return null;
  const parts = Object.entries(metadata).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length ? parts.join(" · ") : null;
}

const textOf = (metadata: AuditEventView["metadata"], field: string): string | null => {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return null;
  const value = (metadata as Record<string, unknown>)[field];
  return typeof value === "string" ? value : null;
};

/** A key is named and linked (the event's own name for it: the key may be gone); anything else by type and id. */
function Target({ event }: { event: AuditEventView }) {
  const name = textOf(event.metadata, "name");
  if (event.targetType === "key" && event.targetId && name) {
    return (
      <span>
        <span className="text-zinc-500">key</span>{" "}
        <Link
          href={`/keys/${event.targetId}`}
          className="font-medium text-zinc-900 underline underline-offset-2"
          data-testid="audit-key-link"
        >
          {name}
        </Link>
        {textOf(event.metadata, "maskedValue") ? (
          <code className="ml-1 font-mono text-xs text-zinc-600">{textOf(event.metadata, "maskedValue")}</code>
        ) : null}
      </span>
    );
  }
  return (
    <>
      <span className="text-zinc-500">{event.targetType}</span>
      {event.targetId ? (
        <span className="ml-1 font-mono text-xs" title={event.targetId}>
          {event.targetId.slice(0, 13)}
        </span>
      ) : null}
    </>
  );
}

function EventRow({ event }: { event: AuditEventView }) {
  const details = detailsOf(event.metadata);
  return (
    <tr data-testid="audit-row" className="align-top">
      <td className="px-4 py-3 whitespace-nowrap text-zinc-600">
        <LocalDateTime value={event.createdAt} />
      </td>
      <td className="max-w-56 truncate px-4 py-3 text-zinc-900" title={event.actorId}>
        {event.actorLabel}
      </td>
      <td className="px-4 py-3">
        <Badge tone={toneOf(event.action)}>{actionLabel(event.action)}</Badge>
      </td>
      <td className="px-4 py-3 text-zinc-600">
        <Target event={event} />
        {details ? (
          <p className="mt-0.5 max-w-72 truncate text-xs text-zinc-500" title={details}>
            {details}
          </p>
        ) : null}
      </td>
      <td className="px-4 py-3 font-mono text-xs whitespace-nowrap text-zinc-600">{event.ip ?? "—"}</td>
      <td className="max-w-64 truncate px-4 py-3 text-xs text-zinc-500" title={event.userAgent ?? undefined}>
        {event.userAgent ?? "—"}
      </td>
    </tr>
  );
}

/**
 * The log with its filters. The filters live in the URL (?area&action&actor&from&to), so a filtered
 * view can be shared and survives a reload; with filters in the URL the server sends no page
 * (`initialPage` null) and the browser asks for it, since "from" and "to" are days in the viewer's
 * time zone.
 */
export function AuditLog({ initialPage, initialFilters }: { initialPage: AuditPage | null; initialFilters: AuditFilterValues }) {
  const pathname = usePathname();
  const [filters, setFilters] = useState<AuditFilterValues>(initialFilters);
  const [events, setEvents] = useState(initialPage?.data ?? []);
  const [nextCursor, setNextCursor] = useState(initialPage?.nextCursor ?? null);
  const [pending, setPending] = useState<"filter" | "more" | null>(initialPage ? null : "filter");
  const [error, setError] = useState<string | null>(null);
  const loadedFromUrl = useRef(initialPage !== null);

  async function load(values: AuditFilterValues, cursor: string | null) {
    const query = filterQuery(values);
    if (cursor) query.set("cursor", cursor);
    setPending(cursor ? "more" : "filter");
    setError(null);
    try {
      const page = await apiRequest<AuditPage>(`/api/audit?${query}`, { method: "GET" });
      setEvents((current) => (cursor ? [...current, ...page.data] : page.data));
      setNextCursor(page.nextCursor);
      setFilters(values);
      if (!cursor) window.history.replaceState(null, "", `${pathname}${auditFiltersSearch(values)}`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(null);
    }
  }

  useEffect(() => {
    if (loadedFromUrl.current) return;
    loadedFromUrl.current = true;
    void load(initialFilters, null);
    // Once, for the filters the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const exportHref = `/api/audit/export?${filterQuery(filters)}`;

  return (
    <div className="space-y-4">
      <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
        <AuditFilters initial={initialFilters} onApply={(values) => load(values, null)} pending={pending === "filter"} />
      </div>
      {error ? (
        <Callout tone="error" role="alert">
          {error}
        </Callout>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-zinc-600" aria-live="polite">
          {pending === "filter" && events.length === 0
            ? "Loading events…"
            : events.length === 0
              ? "No events match."
              : `Showing ${countOf(events.length, "event")}, newest first.`}
        </p>
        <a href={exportHref} download className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Export CSV
        </a>
      </div>
      {/* A log of six columns scrolls sideways on narrow screens: a region keyboard users can scroll too. */}
      <section
        data-scroll-region
        tabIndex={0}
        aria-label="Audit events"
        className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs focus-visible:outline-2 focus-visible:outline-zinc-900"
      >
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs tracking-wide text-zinc-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Time
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Actor
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Action
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Target
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                IP
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                User agent
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {events.map((event) => (
              <EventRow key={event.id} event={event} />
            ))}
          </tbody>
        </table>
        {events.length === 0 ? (
          <p className="px-4 py-10 text-center text-sm text-zinc-500">Nothing recorded for these filters yet.</p>
        ) : null}
      </section>
      {nextCursor ? (
        <div className="flex justify-center">
          <Button variant="secondary" pending={pending === "more"} onClick={() => load(filters, nextCursor)}>
            Load older events
          </Button>
        </div>
      ) : null}
    </div>
  );
}
