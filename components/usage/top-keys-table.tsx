import Link from "next/link";
import { KeyStatusBadge } from "@/components/keys/key-status-badge";
import { MaskedKey } from "@/components/keys/masked-key";
import type { TopKey } from "@/lib/usage/org-usage";
import { formatCount } from "./format";

export function TopKeysTable({ keys, days }: { keys: TopKey[]; days: number }) {
  if (keys.length === 0) {
    return <p className="text-sm text-zinc-500">No key was used in the last {days} days.</p>;
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase">
            <th scope="col" className="py-2 pr-4 font-medium">
              Name
            </th>
            <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell lg:hidden xl:table-cell">
              Key
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Verifications
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {keys.map((key) => (
            <tr key={key.id} data-testid="top-key">
              <td className="py-2.5 pr-4">
                <Link
                  href={`/keys/${key.id}`}
                  className="block max-w-32 truncate font-medium text-sky-700 underline-offset-2 hover:underline sm:max-w-56 lg:max-w-40 xl:max-w-56"
                  title={key.name}
                >
                  {key.name}
                </Link>
              </td>
              <td className="hidden py-2.5 pr-4 sm:table-cell lg:hidden xl:table-cell">
                <MaskedKey value={key.maskedValue} />
              </td>
              <td className="py-2.5 pr-4">
                <KeyStatusBadge status={key.status} />
              </td>
              <td className="py-2.5 text-right tabular-nums" data-testid="top-key-count">
                {formatCount(key.count)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
