import Link from "next/link";
import { LocalDateTime } from "@/components/ui/time";
import type { RotationEntry } from "@/lib/keys/rotations";

const GRACE_LABEL: Record<string, string> = {
  none: "no grace period",
  "1h": "1 hour grace",
  "24h": "24 hours grace",
  "7d": "7 days grace",
};

function OtherKey({ entry }: { entry: RotationEntry }) {
  const name = entry.otherKey.name ?? "a deleted key";
  if (entry.otherKey.name === null) return <span className="text-zinc-500">{name}</span>;
  return (
    <Link href={`/keys/${entry.otherKey.id}`} className="font-medium text-sky-700 underline-offset-2 hover:underline">
      {name}
    </Link>
  );
}

/** "Rotated to → new key" / "Rotated from ← old key", newest first. */
export function KeyRotations({ rotations }: { rotations: RotationEntry[] }) {
  if (rotations.length === 0) {
    return (
      <p className="text-sm text-zinc-500" data-testid="rotations-empty">
        This key has not been rotated. Rotating issues a new key with the same settings; the rotations of this key will be listed here.
      </p>
    );
  }
  return (
    <ol className="divide-y divide-zinc-100" data-testid="rotations">
      {rotations.map((entry) => (
        <li
          key={entry.auditEventId}
          className="flex flex-wrap items-baseline gap-x-2 gap-y-1 py-2.5 text-sm"
          data-testid="rotation"
          data-direction={entry.direction}
        >
          <span className="text-zinc-900">{entry.direction === "to" ? "Rotated to →" : "Rotated from ←"}</span>
          <OtherKey entry={entry} />
          <span className="text-zinc-500">
            <LocalDateTime value={entry.at} /> by {entry.actorLabel}
            {entry.direction === "to" && entry.grace ? ` · ${GRACE_LABEL[entry.grace] ?? entry.grace}` : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
