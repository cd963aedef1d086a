import { z } from "../zod";

// What the usage API answers (lib/usage/key-usage.ts, org-usage.ts).

const day = z.iso.date().openapi({ description: "A UTC day.", example: "2026-11-23" });

export const dailyCountSchema = z.strictObject({ day, count: z.number().int().nonnegative() }).openapi("DailyCount");

export const keyUsageResultSchema = z.strictObject({
  days: z.array(dailyCountSchema).openapi({ description: "Successful verifications per UTC day, oldest first, zeros included." }),
});

const usageGroupSchema = z
  .strictObject({
    id: z
      .string()
      .nullable()
      .openapi({ description: 'The grouped value (a user id, "apikey:<keyId>", a project id); null when keys have none.' }),
    label: z.string(),
    keys: z.number().int().nonnegative().openapi({ description: "Keys of the organisation in this group, used or not." }),
    count: z.number().int().nonnegative().openapi({ description: "Successful verifications in the period." }),
  })
  .openapi("UsageGroup");

export const orgUsageSchema = z
  .strictObject({
    period: z.strictObject({ from: day, to: day, days: z.number().int().positive() }),
    totals: z.strictObject({
      keys: z.number().int().nonnegative(),
      activeKeys: z.number().int().nonnegative(),
      verifications: z.number().int().nonnegative(),
    }),
    daily: z.array(dailyCountSchema),
    topKeys: z.array(
      z.strictObject({
        id: z.uuid(),
        name: z.string(),
        maskedValue: z.string().openapi({ example: "ks_live_sk_7GbX****" }),
        status: z.enum(["active", "expiring", "expired", "revoked", "disabled"]),
        count: z.number().int().nonnegative(),
      }),
    ),
    byMember: z.array(usageGroupSchema).openapi({ description: "By the member (or API key) that created the key." }),
    byProject: z
      .array(usageGroupSchema)
      .openapi({ description: "By the project the key is limited to (id null: keys for every project)." }),
  })
  .openapi("OrgUsage");
