import { AppError } from "@/lib/errors";
import type { RefillInput } from "@/lib/validations/credits";
import { refillPeriodStart } from "./period";

/** A key's credit columns as stored. */
export interface CreditColumns {
  remaining: number | null;
  refillInterval: string | null;
  refillAmount: number | null;
  refillDay: number | null;
  lastRefillAt: Date | null;
}

/** The credits of a key as the API and the dashboard show them. */
export interface CreditsView {
  /** Uses left (written back from Redis within a second of use); null: unlimited. */
  remaining: number | null;
  refill: { interval: "daily" | "monthly"; amount: number; dayOfMonth: number | null } | null;
}

export function creditsView(row: CreditColumns): CreditsView {
  return {
    remaining: row.remaining,
    refill:
      row.remaining !== null && row.refillAmount !== null && (row.refillInterval === "daily" || row.refillInterval === "monthly")
        ? { interval: row.refillInterval, amount: row.refillAmount, dayOfMonth: row.refillDay }
        : null,
  };
}

/**
 * The credit columns after setting `remaining` and/or `refill` (undefined: unchanged; null: none),
 * given the current ones. A refill on an unlimited key starts it at the refill's amount; unlimited
 * (remaining null) drops the refill. `now` is the database's time: the current period counts as refilled.
 */
export function nextCredits(
  current: CreditColumns,
  input: { remaining?: number | null; refill?: RefillInput | null },
  now: Date,
): CreditColumns {
  const refill =
    input.refill === undefined
      ? current.refillAmount !== null
        ? { interval: current.refillInterval, amount: current.refillAmount, day: current.refillDay }
        : null
      : input.refill === null
        ? null
        : {
            interval: input.refill.interval,
            amount: input.refill.amount,
            day: input.refill.interval === "monthly" ? (input.refill.dayOfMonth ?? 1) : null,
          };
  let remaining = input.remaining === undefined ? current.remaining : input.remaining;
  if (remaining === null && refill !== null) {
    if (input.remaining === null && input.refill !== undefined && input.refill !== null) {
      throw new AppError(
        "VALIDATION_FAILED",
        "A key with a refill has credits: send remaining as a number (or leave it out).",
        "remaining",
      );
    }
    if (input.remaining === null) return { remaining: null, refillInterval: null, refillAmount: null, refillDay: null, lastRefillAt: null };
    remaining = refill.amount;
  }
  if (remaining === null) return { remaining: null, refillInterval: null, refillAmount: null, refillDay: null, lastRefillAt: null };
  const settings = { refillInterval: refill?.interval ?? null, refillAmount: refill?.amount ?? null, refillDay: refill?.day ?? null };
  return { remaining, ...settings, lastRefillAt: refill ? refillPeriodStart(settings, now) : null };
}

export const NO_CREDITS: CreditColumns = { remaining: null, refillInterval: null, refillAmount: null, refillDay: null, lastRefillAt: null };
