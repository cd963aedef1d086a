// Plain module: the server (list filters, verification) and the browser use this one rule.

export const KEY_STATUSES = ["active", "expiring", "expired", "revoked", "disabled"] as const;
export type KeyStatusView = (typeof KEY_STATUSES)[number];

/** The longest "expiring" warning: a key shows as expiring at most this long before it expires. */
export const EXPIRING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The share of a key's lifetime, at its end, during which it shows as expiring (when shorter than 7 days). */
export const EXPIRING_SHARE = 0.2;

export interface StatusFields {
  status: "active" | "revoked";
  disabledAt: Date | string | null;
  /** When the key was made: the start of its lifetime. */
  createdAt: Date | string;
  expiresAt: Date | string | null;
  /** When a rotated key's grace ends; from then on it counts as revoked, marked or not. */
  revokesAt?: Date | string | null;
}

const time = (value: Date | string) => new Date(value).getTime();

/**
 * The moment a key starts to show as "expiring": its last 20 % of lifetime or its last 7 days,
 * whichever is shorter — a new 7-day key is not expiring from its first second, a 1-year key warns
 * a week ahead. The database keeps the same instant in ApiKey.expiringAt (a trigger of migration
 * 20261203175912_expiring_at) for the list's status filter; tests/keys/expiring-rule.test.ts holds
 * the two to the same answers.
 */
export function expiringFrom(createdAt: Date | string, expiresAt: Date | string): number {
  const expires = time(expiresAt);
  const lifetime = Math.max(expires - time(createdAt), 0);
  // Whole milliseconds, as the timestamptz(3) column rounds them.
  return expires - Math.round(Math.min(EXPIRING_WINDOW_MS, lifetime * EXPIRING_SHARE));
}

/**
 * Why a key no longer verifies, or null when it does: revoked (or past its rotation grace) wins,
 * then disabled, then expiry by the clock. Verification needs no more than this.
 */
export function unusableStatus(key: Omit<StatusFields, "createdAt">, now: Date = new Date()): "revoked" | "disabled" | "expired" | null {
  const at = now.getTime();
  if (key.status === "revoked" || (key.revokesAt != null && time(key.revokesAt) <= at)) return "revoked";
  if (key.disabledAt !== null) return "disabled";
  if (key.expiresAt !== null && time(key.expiresAt) <= at) return "expired";
  return null;
}

/** unusableStatus(), else "expiring" from expiringFrom() on, else "active". */
export function keyStatus(key: StatusFields, now: Date = new Date()): KeyStatusView {
  const unusable = unusableStatus(key, now);
  if (unusable !== null) return unusable;
  if (key.expiresAt !== null && expiringFrom(key.createdAt, key.expiresAt) <= now.getTime()) return "expiring";
  return "active";
}

/** Whether a key in this status passes verification (expiring keys still work). */
export function isUsable(status: KeyStatusView): boolean {
  return status === "active" || status === "expiring";
}
