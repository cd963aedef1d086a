import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { AddRegistryDialog } from "@/components/registries/add-registry-dialog";
import { ExportDialog } from "@/components/registries/export-dialog";
import { ImportDialog } from "@/components/registries/import-dialog";
import { PrivateHostsSetting } from "@/components/registries/private-hosts-setting";
import { RegistriesList } from "@/components/registries/registries-list";
import { ResolveBox } from "@/components/registries/resolve-box";
import { Callout } from "@/components/ui/callout";
import { getViewer } from "@/lib/auth/session";
import { holds } from "@/lib/auth/principal";
import { getKeyPolicy } from "@/lib/keys/policy";
import { getRegistrySettings } from "@/lib/registries/settings";
import { listRegistries } from "@/lib/registries/store";

export const metadata: Metadata = { title: "Registries" };

export default async function RegistriesPage() {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();

  const [registries, settings, policy] = await Promise.all([
    listRegistries(viewer.orgId),
    getRegistrySettings(viewer.orgId),
    getKeyPolicy(viewer.orgId),
  ]);
  const canWrite = holds(viewer, "registries:write");

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1.5">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Registries</h1>
          <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
            The package registries your clients resolve packages from. Scoped registries serve their scopes; everything else comes from the
            first registry in the list without scopes. Upstream API keys are stored encrypted and never shown again in full.
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          {canWrite ? <ImportDialog /> : null}
          <ExportDialog registries={registries} canWrite={canWrite} maxLifetimeDays={policy.maxLifetimeDays} />
          {canWrite ? (
            <div data-focus-fallback>
              <AddRegistryDialog registries={registries} />
            </div>
          ) : null}
        </div>
      </div>
      {canWrite ? null : (
        <Callout tone="info">
          You have read-only access as a member. Ask an owner or admin of your organisation to change registries.
        </Callout>
      )}
      <RegistriesList registries={registries} canWrite={canWrite} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ResolveBox />
        <PrivateHostsSetting settings={settings} canWrite={canWrite} />
      </div>
    </div>
  );
}
