import { z } from "../zod";
import { LOGGED_CODES } from "@/lib/validations/verification-log";

const timestamp = z.iso.datetime({ offset: true });

export const verificationSchema = z
  .strictObject({
    id: z.string().openapi({ description: "The row's id (a decimal integer; ids grow with time)." }),
    at: timestamp,
    code: z
      .enum(LOGGED_CODES)
      .openapi({ description: "The verdict, or the error that answered before one (VALIDATION_FAILED, UNAVAILABLE…)." }),
    keyId: z.string().nullable().openapi({
      description: "The key's public id, or the one read from a key that matched none; null when malformed.",
      example: "7GbX2kQp9LmN",
    }),
    keyRowId: z.uuid().nullable().openapi({ description: "The key's id when a key was identified (also for a wrong secret)." }),
    keyName: z.string().nullable().openapi({ description: "The key's name while the key exists." }),
    ip: z.string().nullable().openapi({ description: "The caller's address (X-Forwarded-For only from trusted proxies)." }),
    userAgent: z.string().nullable().openapi({ description: "The caller's User-Agent, at most 256 characters." }),
    scopes: z.array(z.string()).openapi({ description: "The scopes the request required." }),
    latencyMs: z
      .number()
      .nonnegative()
      .openapi({ description: "Time to answer, in milliseconds (inside the server); the slowest of the verifications counted." }),
    cost: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .openapi({ description: "The credits the request asked to spend, when it named a cost." }),
    count: z.number().int().positive().openapi({
      description:
        "How many identical verifications (same key, code, address, user agent, scopes and cost) within one write window (at most a second) this entry stands for; `at` is the first one's time.",
    }),
  })
  .openapi("Verification");

export const verificationPageResultSchema = z.strictObject({
  data: z.array(verificationSchema),
  nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next (older) page; null on the last page." }),
});

export const unknownKeyGroupsSchema = z.strictObject({
  groups: z.array(
    z
      .strictObject({
        keyId: z.string().openapi({ description: "The key id read from keys that matched no key." }),
        ip: z.string().nullable(),
        attempts: z.number().int().positive(),
        firstAt: timestamp,
        lastAt: timestamp,
      })
      .openapi("UnknownKeyGroup"),
  ),
});
