// When a key's credits refill: at the start of each UTC day, or on a day of each month (the
// month's last day when it is shorter). One implementation, fed the database's time (dbClock):
// the verifier's anchored clock on the hot path, dbClock().now() when credits are set.

/** The most credits a key holds, and the most one verification may spend. */
export const CREDITS_MAX = 1_000_000_000;

export const REFILL_INTERVALS = ["daily", "monthly"] as const;
export type RefillInterval = (typeof REFILL_INTERVALS)[number];

export interface RefillSettings {
  refillInterval: string | null;
  refillAmount: number | null;
  refillDay: number | null;
}

function monthlyStart(year: number, month: number, day: number): Date {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay)));
}

/** The start of the refill period `now` falls in; null for a key without a refill. */
export function refillPeriodStart(settings: RefillSettings, now: Date): Date | null {
  if (settings.refillAmount === null) return null;
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  if (settings.refillInterval === "daily") return new Date(Date.UTC(year, month, now.getUTCDate()));
  if (settings.refillInterval !== "monthly") return null;
  const day = settings.refillDay ?? 1;
  const thisMonth = monthlyStart(year, month, day);
  return thisMonth.getTime() <= now.getTime() ? thisMonth : monthlyStart(year, month - 1, day);
}
