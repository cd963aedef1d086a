import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { KeyAuditEvents } from "@/components/keys/key-audit-events";
import { KeyFields } from "@/components/keys/key-fields";
import { KeyRotations } from "@/components/keys/key-rotations";
import { KeyStatusBadge } from "@/components/keys/key-status-badge";
import { KeyActionButtons } from "@/components/keys/key-actions";
import { Panel } from "@/components/ui/panel";
import { ClockProvider } from "@/components/ui/time";
import { formatCount } from "@/components/usage/format";
import { UsageChart } from "@/components/usage/usage-chart";
import { holds } from "@/lib/auth/principal";
import { listAuditEvents } from "@/lib/audit/query";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { listScopeCatalog } from "@/lib/keys/catalog";
import { getKeyDetail, type KeyDetailView } from "@/lib/keys/detail";
import { getKeyPolicy } from "@/lib/keys/policy";
import { listRotations } from "@/lib/keys/rotations";
import { keyDailyUsage } from "@/lib/usage/key-usage";
import { USAGE_DAYS_DEFAULT } from "@/lib/usage/period";
import { readRequestFilters } from "@/components/verifications/read-filters";
import { RequestsView } from "@/components/verifications/requests-view";
import { listKeyVerifications } from "@/lib/verification-log/query";
import { VERIFICATION_PAGE_DEFAULT, keyVerificationPageSchema } from "@/lib/validations/verification-log";

export const metadata: Metadata = { title: "API key" };

const KEY_AUDIT_EVENTS = 50;

/** The key, and the instant it was read: relative times are computed from it until hydration. */
async function loadKey(orgId: string, id: string): Promise<{ key: KeyDetailView; loadedAt: number }> {
  try {
    return { key: await getKeyDetail(orgId, id), loadedAt: Date.now() };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function KeyDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();
  const { id } = await params;
  const { key, loadedAt } = await loadKey(viewer.orgId, id);
  const search = await searchParams;
  const tab = search.tab === "requests" ? "requests" : "overview";
  const canWrite = holds(viewer, "keys:write");
  const canAudit = holds(viewer, "audit:read");
  const [usage, rotations, audit, catalog, policy] = await Promise.all([
    keyDailyUsage(viewer.orgId, key.id, USAGE_DAYS_DEFAULT),
    listRotations(viewer.orgId, key.id),
    canAudit ? listAuditEvents(viewer.orgId, { targetId: key.id, limit: KEY_AUDIT_EVENTS }) : null,
    listScopeCatalog(viewer.orgId),
    getKeyPolicy(viewer.orgId),
  ]);
  const inPeriod = usage.reduce((sum, d) => sum + d.count, 0);
  const today = usage.at(-1)?.count ?? 0;

  return (
    <ClockProvider serverNow={loadedAt}>
      <div className="space-y-6">
        <div className="space-y-3">
          <Link href="/keys" data-focus-fallback className="text-sm text-zinc-500 hover:text-zinc-900">
            ← API keys
          </Link>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex min-w-0 flex-wrap items-center gap-3">
              <h1 className="truncate text-2xl font-semibold tracking-tight text-zinc-900" title={key.name}>
                {key.name}
              </h1>
              <KeyStatusBadge status={key.status} />
            </div>
            {canWrite ? <KeyActionButtons apiKey={key} edit={{ catalog, policy }} className="flex-wrap" /> : null}
          </div>
        </div>

        <KeyTabs keyId={key.id} current={tab} />

        {tab === "requests" ? (
          <Panel title="Requests" description="Every verification that named this key, failures included, newest first.">
            <KeyRequests keyId={key.id} viewer={viewer} search={search} />
          </Panel>
        ) : (
          <>
            <Panel
              title="Usage"
              description={`Successful verifications per day over the last ${USAGE_DAYS_DEFAULT} days (UTC).`}
              aside={
                <p className="text-sm text-zinc-600" data-testid="usage-summary">
                  <span className="font-semibold text-zinc-900 tabular-nums">{formatCount(today)}</span> today ·{" "}
                  <span className="font-semibold text-zinc-900 tabular-nums">{formatCount(inPeriod)}</span> in {USAGE_DAYS_DEFAULT} days
                </p>
              }
            >
              <UsageChart data={usage} label={`Verifications of ${key.name} per day`} />
            </Panel>

            <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
              <Panel title="Details">
                <KeyFields apiKey={key} />
              </Panel>
              <Panel title="Rotation history">
                <KeyRotations rotations={rotations} />
              </Panel>
            </div>

            <Panel title="Audit trail" description="Changes to this key, newest first.">
              {audit ? (
                <KeyAuditEvents events={audit.data} />
              ) : (
                <p className="text-sm text-zinc-500">Only owners and admins can read the audit log.</p>
              )}
            </Panel>
          </>
        )}
      </div>
    </ClockProvider>
  );
}

function KeyTabs({ keyId, current }: { keyId: string; current: "overview" | "requests" }) {
  const tabs = [
    { id: "overview", label: "Overview", href: `/keys/${keyId}` },
    { id: "requests", label: "Requests", href: `/keys/${keyId}?tab=requests` },
  ] as const;
  return (
    <nav aria-label="Key views" className="flex gap-1 border-b border-zinc-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={tab.id === current ? "page" : undefined}
          className={
            tab.id === current
              ? "-mb-px border-b-2 border-zinc-900 px-3 py-2 text-sm font-medium text-zinc-900"
              : "-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-zinc-600 hover:text-zinc-900"
          }
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

async function KeyRequests({ keyId, viewer, search }: { keyId: string; viewer: Viewer; search: SearchParams }) {
  const { query, filters, error } = readRequestFilters(search, keyVerificationPageSchema, ["code", "ip", "from", "to"]);
  const page = await listKeyVerifications(viewer, keyId, query ?? { limit: VERIFICATION_PAGE_DEFAULT });
  return (
    <RequestsView
      page={page}
      filters={filters}
      path={`/keys/${keyId}`}
      fixed={{ tab: "requests" }}
      exportPath={`/api/tokens/${keyId}/verifications/export`}
      filterError={error}
    />
  );
}
