import { actionLabel } from "@/components/audit/action-labels";
import { Badge } from "@/components/ui/badge";
import { LocalDateTime } from "@/components/ui/time";
import type { AuditEventView } from "@/lib/audit/query";

/** The audit entries whose target is this key, newest first. */
export function KeyAuditEvents({ events }: { events: AuditEventView[] }) {
  if (events.length === 0) {
    return <p className="text-sm text-zinc-500">No audit entries for this key yet.</p>;
  }
  return (
    <div
      data-scroll-region
      tabIndex={0}
      role="region"
      aria-label="Audit trail of this key"
      className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-zinc-900"
    >
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase">
            <th scope="col" className="py-2 pr-4 font-medium">
              When
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Who
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              What
            </th>
            <th scope="col" className="py-2 font-medium">
              From
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {events.map((event) => (
            <tr key={event.id} data-testid="key-audit-row" className="align-top">
              <td className="py-2.5 pr-4 whitespace-nowrap text-zinc-600">
                <LocalDateTime value={event.createdAt} />
              </td>
              <td className="max-w-56 truncate py-2.5 pr-4 text-zinc-900" title={event.actorId}>
                {event.actorLabel}
              </td>
              <td className="py-2.5 pr-4">
                <Badge tone={event.action.endsWith(".revoke") ? "red" : "blue"}>{actionLabel(event.action)}</Badge>
              </td>
              <td className="max-w-64 truncate py-2.5 font-mono text-xs text-zinc-500" title={event.userAgent ?? undefined}>
                {event.ip ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
