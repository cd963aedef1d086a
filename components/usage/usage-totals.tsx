import type { OrgUsage } from "@/lib/usage/org-usage";
import { formatCount } from "./format";

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums" data-testid={testId}>
        {formatCount(value)}
      </dd>
    </div>
  );
}

export function UsageTotals({ usage }: { usage: OrgUsage }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-3">
      <Stat label={`Verifications, last ${usage.period.days} days`} value={usage.totals.verifications} testId="total-verifications" />
      <Stat label="Active keys" value={usage.totals.activeKeys} testId="total-active-keys" />
      <Stat label="Keys" value={usage.totals.keys} testId="total-keys" />
    </dl>
  );
}
