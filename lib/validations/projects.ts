import { z } from "zod";

export const projectNameSchema = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(64, "Name must be at most 64 characters.")
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "Name must not contain control characters.");

export const projectBodySchema = z.strictObject({ name: projectNameSchema });
export const projectIdParamSchema = z.uuid("Project id must be a UUID.");
