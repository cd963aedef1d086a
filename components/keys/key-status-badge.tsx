import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { KeyStatusView } from "@/lib/keys/status";

// The labels of components/keys/key-status.tsx, for server components (that module is a client one).
const STATUS_BADGE: Record<KeyStatusView, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  expiring: { label: "Expiring", tone: "amber" },
  disabled: { label: "Disabled", tone: "amber" },
  expired: { label: "Expired", tone: "grey" },
  revoked: { label: "Revoked", tone: "red" },
};

export function KeyStatusBadge({ status }: { status: KeyStatusView }) {
  const badge = STATUS_BADGE[status];
  return (
    <Badge tone={badge.tone} dot data-testid="key-status">
      {badge.label}
    </Badge>
  );
}
