import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { KeysTable } from "@/components/keys/keys-table";
import { Callout } from "@/components/ui/callout";
import { getViewer } from "@/lib/auth/session";
import { canManageKeys } from "@/lib/auth/types";
import { listKeys } from "@/lib/keys/service";

export const metadata: Metadata = { title: "API keys" };

/** The keys, and the instant they were read: "last used 5 minutes ago" is relative to it until hydration. */
async function loadKeys(orgId: string) {
  const keys = await listKeys(orgId);
  return { keys, loadedAt: Date.now() };
}

export default async function KeysPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");

  const { keys, loadedAt } = await loadKeys(viewer.orgId);
  const canWrite = canManageKeys(viewer.orgRole);

  return (
    <div className="space-y-6">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">API keys</h1>
        <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
          Issue keys to the services that call your APIs and revoke them when they are no longer needed. A key is
          shown once, when it is created; Keysmith keeps only a hash of it.
        </p>
      </div>
      {canWrite ? null : (
        <Callout tone="info">
          You have read-only access as a member. Ask an owner or admin of your organisation to create or revoke keys.
        </Callout>
      )}
      <KeysTable keys={keys} canWrite={canWrite} loadedAt={loadedAt} />
    </div>
  );
}
