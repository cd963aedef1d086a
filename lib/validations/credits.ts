import { z } from "zod";
import { CREDITS_MAX, REFILL_INTERVALS } from "@/lib/credits/period";

const whole = (field: string, min: number) =>
  z
    .number({ error: `${field} must be a whole number.` })
    .int(`${field} must be a whole number.`)
    .min(min, `${field} must be at least ${min}.`)
    .max(CREDITS_MAX, `${field} must be at most ${CREDITS_MAX.toLocaleString("en-US")}.`);

/** Usage credits a key starts with (or is set to); null: unlimited. */
export const remainingSchema = whole("remaining", 0);

/** A refill: daily, or monthly on a day of the month (1–31, the month's last day when it is shorter). */
export const refillSchema = z
  .strictObject({
    interval: z.enum(REFILL_INTERVALS, { error: 'refill.interval must be "daily" or "monthly".' }),
    amount: whole("refill.amount", 1),
    dayOfMonth: z
      .number({ error: "refill.dayOfMonth must be a whole number from 1 to 31." })
      .int("refill.dayOfMonth must be a whole number from 1 to 31.")
      .min(1, "refill.dayOfMonth must be a whole number from 1 to 31.")
      .max(31, "refill.dayOfMonth must be a whole number from 1 to 31.")
      .optional(),
  })
  .superRefine((refill, ctx) => {
    if (refill.interval === "daily" && refill.dayOfMonth !== undefined) {
      ctx.addIssue({ code: "custom", path: ["dayOfMonth"], message: "refill.dayOfMonth is for monthly refills only." });
    }
  });
export type RefillInput = z.infer<typeof refillSchema>;
