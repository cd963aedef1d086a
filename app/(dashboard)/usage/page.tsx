import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { Callout } from "@/components/ui/callout";
import { Panel } from "@/components/ui/panel";
import { PeriodPicker } from "@/components/usage/period-picker";
import { TopKeysTable } from "@/components/usage/top-keys-table";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageGroupsTable } from "@/components/usage/usage-groups-table";
import { UsageTotals } from "@/components/usage/usage-totals";
import { getViewer } from "@/lib/auth/session";
import { orgUsage } from "@/lib/usage/org-usage";
import { USAGE_DAYS_DEFAULT } from "@/lib/usage/period";
import { holds } from "@/lib/auth/principal";
import { usageDaysSchema } from "@/lib/validations/usage";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();

  const header = (
    <div className="space-y-1.5">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Usage</h1>
      <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
        How much your organisation&apos;s keys are used: successful verifications per day, the busiest keys, and usage by the member who
        created each key and by project. Days are UTC days.
      </p>
    </div>
  );
  if (!holds(viewer, "usage:read")) {
    return (
      <div className="space-y-6">
        {header}
        <Callout tone="info">
          Only owners and admins can see the organisation&apos;s usage. Each key&apos;s own page shows its usage.
        </Callout>
      </div>
    );
  }

  // A bad ?days= falls back to the default rather than failing the page.
  const parsed = usageDaysSchema.safeParse((await searchParams).days);
  const days = parsed.success ? parsed.data : USAGE_DAYS_DEFAULT;
  const usage = await orgUsage(viewer.orgId, days);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        {header}
        <PeriodPicker days={days} path="/usage" />
      </div>
      <UsageTotals usage={usage} />
      <Panel title="Verifications per day" description={`Every key of the organisation, last ${days} days.`}>
        <UsageChart data={usage.daily} label="Verifications per day across the organisation" />
      </Panel>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Panel title="Top keys" description={`The most verified keys of the last ${days} days.`}>
          <TopKeysTable keys={usage.topKeys} days={days} />
        </Panel>
        <Panel title="By member" description="Keys grouped by the member who created them.">
          <UsageGroupsTable groups={usage.byMember} heading="Member" testId="member-usage" />
        </Panel>
        <Panel title="By project" description="Keys grouped by the project they are limited to.">
          <UsageGroupsTable groups={usage.byProject} heading="Project" testId="project-usage" />
        </Panel>
      </div>
    </div>
  );
}
