import { z } from "../zod";

// What the projects API answers (lib/projects/service.ts).

export const projectSchema = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    liveKeyCount: z
      .number()
      .int()
      .nonnegative()
      .openapi({ description: "Keys limited to the project that still verify (active, expiring or disabled)." }),
  })
  .openapi("Project");

export const projectListSchema = z.strictObject({ data: z.array(projectSchema) });
export const projectResultSchema = z.strictObject({ project: projectSchema });
