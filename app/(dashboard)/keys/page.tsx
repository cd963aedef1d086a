import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import Link from "next/link";
import { KeysTable } from "@/components/keys/keys-table";
import { readKeysQuery } from "@/components/keys/list-query";
import { Callout } from "@/components/ui/callout";
import { countOf } from "@/components/ui/format";
import { getViewer } from "@/lib/auth/session";
import { holds } from "@/lib/auth/principal";
import { listScopeCatalog } from "@/lib/keys/catalog";
import { listKeys } from "@/lib/keys/list";
import { getKeyPolicy } from "@/lib/keys/policy";
import { listProjects } from "@/lib/projects/service";

export const metadata: Metadata = { title: "API keys" };

/** The page of keys, and the instant it was read: "last used 5 minutes ago" is relative to it until hydration. */
async function loadKeyPage(orgId: string, query: ReturnType<typeof readKeysQuery>) {
  const page = await listKeys(orgId, query);
  return { page, loadedAt: Date.now() };
}

export default async function KeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();

  const query = readKeysQuery(await searchParams);
  const [{ page, loadedAt }, projects, catalog, policy, expiring] = await Promise.all([
    loadKeyPage(viewer.orgId, query),
    listProjects(viewer.orgId),
    listScopeCatalog(viewer.orgId),
    getKeyPolicy(viewer.orgId),
    listKeys(viewer.orgId, { status: "expiring", pageSize: 1 }),
  ]);
  const canWrite = holds(viewer, "keys:write");

  return (
    <div className="space-y-6">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">API keys</h1>
        <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
          Issue keys to the services that call your APIs, rotate them and revoke them when they are no longer needed. A key is shown once,
          when it is created; Keysmith keeps only a hash of it.
        </p>
      </div>
      {expiring.total > 0 && query.status !== "expiring" ? (
        <div data-testid="expiring-banner">
          <Callout tone="warning">
            {countOf(expiring.total, "key")} {expiring.total === 1 ? "expires" : "expire"} this week.{" "}
            <Link href="/keys?status=expiring" className="font-medium underline underline-offset-2">
              Show {expiring.total === 1 ? "it" : "them"}
            </Link>
          </Callout>
        </div>
      ) : null}
      {canWrite ? null : (
        <Callout tone="info">
          You have read-only access as a member. Ask an owner or admin of your organisation to create or revoke keys.
        </Callout>
      )}
      <KeysTable
        page={page}
        query={query}
        projects={projects.map(({ id, name }) => ({ id, name }))}
        catalog={catalog}
        policy={policy}
        canWrite={canWrite}
        loadedAt={loadedAt}
      />
    </div>
  );
}
