import { z } from "../zod";

export const healthSchema = z
  .union([
    z.strictObject({ status: z.literal("ok"), clockSkewMs: z.number().int().optional() }),
    z.strictObject({ status: z.literal("degraded"), degraded: z.array(z.string()), clockSkewMs: z.number().int().optional() }),
    z.strictObject({ status: z.literal("unavailable"), reason: z.string() }),
  ])
  .openapi("Health");

export const wellKnownSchema = z
  .strictObject({
    name: z.string(),
    version: z.string(),
    description: z.string(),
    api_base: z.url(),
    endpoints: z.strictObject({ tokens: z.string(), verify: z.string(), openapi: z.string(), health: z.string() }).openapi({
      description: "Paths relative to the origin. `tokens`: GET lists, POST creates, DELETE `{tokens}/{id}` revokes; `verify` is a POST.",
    }),
    capabilities: z.array(z.string()),
    auth: z.strictObject({
      schemes: z.array(
        z.strictObject({
          type: z.string(),
          header: z.string().optional(),
          cookie: z.string().optional(),
          format: z.string().optional(),
          description: z.string(),
        }),
      ),
    }),
  })
  .openapi("RegistryDiscoveryDocument");

export const userIdSchema = z.strictObject({ userId: z.uuid() });
