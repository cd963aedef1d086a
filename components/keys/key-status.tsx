"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime, useNow } from "@/components/ui/time";
import { keyStatus, type KeyStatusView } from "@/lib/keys/status";
import type { KeyView } from "@/lib/keys/view";

export const STATUS_LABELS: Record<KeyStatusView, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  expiring: { label: "Expiring", tone: "amber" },
  disabled: { label: "Disabled", tone: "amber" },
  expired: { label: "Expired", tone: "grey" },
  revoked: { label: "Revoked", tone: "red" },
};

/** The same rule as the server (lib/keys/status.ts), on the browser's clock: a key turns expired on screen. */
export function liveStatus(key: KeyView, now: number): KeyStatusView {
  return keyStatus(
    {
      status: key.status === "revoked" ? "revoked" : "active",
      disabledAt: key.disabledAt,
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      revokesAt: key.revokesAt,
    },
    new Date(now),
  );
}

export function StatusCell({ apiKey }: { apiKey: KeyView }) {
  const now = useNow();
  const status = now === null ? apiKey.status : liveStatus(apiKey, now);
  const style = STATUS_LABELS[status];
  // The detail never repeats the status word, so the badge is the only "Revoked"/"Expired" in the row.
  let detail = null;
  if (status === "revoked" && apiKey.revokedAt) {
    detail = <RelativeTime value={apiKey.revokedAt} past />;
  } else if (apiKey.revokesAt && status !== "revoked") {
    detail = (
      <>
        Rotated · stops <RelativeTime value={apiKey.revokesAt} />
      </>
    );
  } else if (status === "expired" && apiKey.expiresAt) {
    detail = <RelativeTime value={apiKey.expiresAt} past />;
  } else if (apiKey.notBefore && Date.parse(apiKey.notBefore) > (now ?? 0)) {
    detail = (
      <>
        Starts <RelativeTime value={apiKey.notBefore} />
      </>
    );
  } else if (apiKey.expiresAt) {
    detail = (
      <>
        Expires <RelativeTime value={apiKey.expiresAt} />
      </>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge tone={style.tone} dot data-testid="key-status">
        {style.label}
      </Badge>
      {apiKey.leakedAt ? (
        <Badge
          tone="red"
          data-testid="key-leaked"
          title={apiKey.leakedUrl ? `Reported found at ${apiKey.leakedUrl}` : "Reported found in public"}
        >
          Leaked
        </Badge>
      ) : null}
      {detail ? <span className="text-xs whitespace-nowrap text-zinc-500">{detail}</span> : null}
    </div>
  );
}
