import type { UsageGroup } from "@/lib/usage/breakdown";
import { formatCount } from "./format";

/** Usage grouped by member (or any other grouping of keys): keys in the group and their verifications. */
export function UsageGroupsTable({ groups, heading, testId }: { groups: UsageGroup[]; heading: string; testId: string }) {
  if (groups.length === 0) return <p className="text-sm text-zinc-500">No keys yet.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase">
            <th scope="col" className="py-2 pr-4 font-medium">
              {heading}
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Keys
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Verifications
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {groups.map((group) => (
            <tr key={group.id ?? "none"} data-testid={testId}>
              <td className="py-2.5 pr-4 break-all text-zinc-900" title={group.id ?? undefined}>
                {group.label}
              </td>
              <td className="py-2.5 pr-4 text-right tabular-nums">{formatCount(group.keys)}</td>
              <td className="py-2.5 text-right tabular-nums">{formatCount(group.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
