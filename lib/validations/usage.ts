import { z } from "zod";
import { USAGE_DAYS_DEFAULT, USAGE_DAYS_MAX } from "@/lib/usage/period";

export const usageDaysSchema = z.coerce
  .number({ error: "days must be a number." })
  .int("days must be a whole number.")
  .min(1, "days must be at least 1.")
  .max(USAGE_DAYS_MAX, `days must be at most ${USAGE_DAYS_MAX}.`)
  .default(USAGE_DAYS_DEFAULT);

/** `?days=1..90` (default 30): how many UTC days, today included. */
export const usageQuerySchema = z.strictObject({ days: usageDaysSchema });
export type UsageQuery = z.infer<typeof usageQuerySchema>;
