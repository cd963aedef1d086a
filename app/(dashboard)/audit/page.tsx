import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { auditFiltersSearch, readAuditFilters } from "@/components/audit/filter-query";
import { Callout } from "@/components/ui/callout";
import { holds } from "@/lib/auth/principal";
import { listAuditEvents } from "@/lib/audit/query";
import { getViewer } from "@/lib/auth/session";
import { AUDIT_PAGE_DEFAULT } from "@/lib/validations/audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();
  const filters = readAuditFilters(await searchParams);
  const filtered = auditFiltersSearch(filters) !== "";

  return (
    <div className="space-y-6">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Audit log</h1>
        <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
          Every change to keys, registries and settings, and every sign-in, with who did it, when and from where. The log is append-only:
          nobody can edit or delete an entry.
        </p>
      </div>
      {holds(viewer, "audit:read") ? (
        <AuditLog
          initialPage={filtered ? null : await listAuditEvents(viewer.orgId, { limit: AUDIT_PAGE_DEFAULT })}
          initialFilters={filters}
        />
      ) : (
        <Callout tone="info">Only owners and admins can read the audit log.</Callout>
      )}
    </div>
  );
}
