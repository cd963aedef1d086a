import { z } from "zod";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const projectNameSchema = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(64, "Name must be at most 64 characters.")
  .refine(isSafeText, `Name ${UNSAFE_TEXT_MESSAGE}.`);

export const projectBodySchema = z.strictObject({ name: projectNameSchema });
export const projectIdParamSchema = z.uuid("Project id must be a UUID.");
