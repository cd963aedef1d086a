// Plain module: the server (list filters, verification) and the browser use this one rule.

export const KEY_STATUSES = ["active", "expiring", "expired", "revoked", "disabled"] as const;
export type KeyStatusView = (typeof KEY_STATUSES)[number];

/** A key that expires within this window shows as "expiring" (it still verifies). */
export const EXPIRING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface StatusFields {
  status: "active" | "revoked";
  disabledAt: Date | string | null;
  expiresAt: Date | string | null;
  /** When a rotated key's grace ends; from then on it counts as revoked, marked or not. */
  revokesAt?: Date | string | null;
}

const time = (value: Date | string) => new Date(value).getTime();

/** Revoked (or past its rotation grace) wins, then disabled, then expiry by the clock. */
export function keyStatus(key: StatusFields, now: Date = new Date()): KeyStatusView {
  const at = now.getTime();
  if (key.status === "revoked" || (key.revokesAt != null && time(key.revokesAt) <= at)) return "revoked";
  if (key.disabledAt !== null) return "disabled";
  if (key.expiresAt !== null) {
    const expires = time(key.expiresAt);
    if (expires <= at) return "expired";
    if (expires - at <= EXPIRING_WINDOW_MS) return "expiring";
  }
  return "active";
}

/** Whether a key in this status passes verification (expiring keys still work). */
export function isUsable(status: KeyStatusView): boolean {
  return status === "active" || status === "expiring";
}
