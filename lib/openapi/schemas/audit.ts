import { z } from "../zod";

export const auditEventSchema = z
  .strictObject({
    id: z.uuid(),
    createdAt: z.iso.datetime({ offset: true }),
    action: z.string().openapi({ example: "key.create" }),
    targetType: z.string(),
    targetId: z.string().nullable(),
    actorId: z.string().openapi({ description: 'A user id, or "system".' }),
    actorLabel: z.string().openapi({ description: "The actor's email when known." }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    metadata: z.unknown().openapi({ description: "JSON details of the change: masks at most, never secrets." }),
  })
  .openapi("AuditEvent");

export const auditPageResultSchema = z.strictObject({
  data: z.array(auditEventSchema),
  nextCursor: z.uuid().nullable().openapi({ description: "Pass as `cursor` for the next (older) page; null on the last page." }),
});
