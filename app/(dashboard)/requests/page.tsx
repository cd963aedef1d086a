import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { Callout } from "@/components/ui/callout";
import { Panel } from "@/components/ui/panel";
import { LocalDateTime } from "@/components/ui/time";
import { readRequestFilters } from "@/components/verifications/read-filters";
import { RequestsView } from "@/components/verifications/requests-view";
import { holds } from "@/lib/auth/principal";
import { getViewer } from "@/lib/auth/session";
import { listVerifications, unknownKeyFailures } from "@/lib/verification-log/query";
import { VERIFICATION_PAGE_DEFAULT, verificationPageSchema } from "@/lib/validations/verification-log";

export const metadata: Metadata = { title: "Requests" };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();
  const intro = (
    <div className="space-y-1.5">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Requests</h1>
      <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
        Every verification of your organisation&apos;s keys — failures included — with the caller&apos;s address and user agent, newest
        first.
      </p>
    </div>
  );
  if (!holds(viewer, "usage:read")) {
    return (
      <div className="space-y-6">
        {intro}
        <Callout tone="info">Only owners and admins can read the organisation&apos;s requests; a key&apos;s own are on its page.</Callout>
      </div>
    );
  }
  const { query, filters, error } = readRequestFilters(await searchParams, verificationPageSchema, ["code", "ip", "keyId", "from", "to"]);
  const [page, unknown] = await Promise.all([
    listVerifications(viewer.orgId, query ?? { limit: VERIFICATION_PAGE_DEFAULT }),
    unknownKeyFailures(viewer.orgId, { from: query?.from, to: query?.to }),
  ]);
  return (
    <div className="space-y-6">
      {intro}
      <Panel title="All requests">
        <RequestsView page={page} filters={filters} path="/requests" exportPath="/api/verifications/export" orgWide filterError={error} />
      </Panel>
      <Panel
        title="Unknown key ids"
        description="Keys whose id matches no key, by key id and address. A key nobody owns belongs to no organisation: these are the ones your own services sent."
      >
        {unknown.length === 0 ? (
          <p className="text-sm text-zinc-500">None in this period.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="unknown-keys-table">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Key id
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Address
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Attempts
                </th>
                <th scope="col" className="py-2 font-medium">
                  Last
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {unknown.map((group) => (
                <tr key={`${group.keyId}/${group.ip}`}>
                  <td className="py-2 pr-3 font-mono text-xs">{group.keyId}</td>
                  <td className="py-2 pr-3 font-mono text-xs">{group.ip ?? "—"}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{group.attempts}</td>
                  <td className="py-2 text-zinc-600">
                    <LocalDateTime value={group.lastAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
