import { Badge, type BadgeTone } from "@/components/ui/badge";

// Labels for every status a key can show; "expiring" arrives with the key lifecycle work.
const STATUS_BADGE: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  expiring: { label: "Expiring", tone: "amber" },
  disabled: { label: "Disabled", tone: "amber" },
  expired: { label: "Expired", tone: "grey" },
  revoked: { label: "Revoked", tone: "red" },
};

export function KeyStatusBadge({ status }: { status: string }) {
  const badge = STATUS_BADGE[status] ?? { label: status, tone: "grey" as const };
  return (
    <Badge tone={badge.tone} dot data-testid="key-status">
      {badge.label}
    </Badge>
  );
}
