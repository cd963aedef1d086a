// Usage is counted per UTC day, so periods are whole UTC days ending today.

export const USAGE_DAYS_MAX = 90;
export const USAGE_DAYS_DEFAULT = 30;

export interface UsagePeriod {
  /** First day included, "YYYY-MM-DD" (UTC). */
  from: string;
  /** Last day included: today (UTC). */
  to: string;
  /** Every day from `from` to `to`, oldest first. */
  days: string[];
}

const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `length` UTC days, today included. */
export function usagePeriod(length: number, now: Date = new Date()): UsagePeriod {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length }, (_, i) => isoDay(today - (length - 1 - i) * DAY_MS));
  return { from: days[0]!, to: days.at(-1)!, days };
}

export interface DailyCount {
  day: string;
  count: number;
}

/** One entry per day of the period, 0 where nothing was counted. */
export function fillDays(period: UsagePeriod, counts: Iterable<DailyCount>): DailyCount[] {
  const byDay = new Map<string, number>();
  for (const { day, count } of counts) byDay.set(day, (byDay.get(day) ?? 0) + count);
  return period.days.map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}
