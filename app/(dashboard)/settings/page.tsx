import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { KeyPolicyForm } from "@/components/settings/key-policy-form";
import { ProjectsList } from "@/components/settings/projects-list";
import { ScopeCatalog } from "@/components/settings/scope-catalog";
import { getViewer } from "@/lib/auth/session";
import { holds } from "@/lib/auth/principal";
import { listScopeCatalog } from "@/lib/keys/catalog";
import { getKeyPolicy } from "@/lib/keys/policy";
import { listProjects } from "@/lib/projects/service";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();
  const [policy, catalog, projects] = await Promise.all([
    getKeyPolicy(viewer.orgId),
    listScopeCatalog(viewer.orgId),
    listProjects(viewer.orgId),
  ]);
  const canWrite = holds(viewer, "keys:write");

  return (
    <div className="space-y-10">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Settings</h1>
        <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
          Key policy, your organisation&apos;s scope catalogue and projects.
        </p>
      </div>
      <KeyPolicyForm policy={policy} canWrite={canWrite} />
      <ProjectsList projects={projects} canWrite={canWrite} />
      <ScopeCatalog catalog={catalog} canWrite={canWrite} />
    </div>
  );
}
