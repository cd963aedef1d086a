import { z } from "zod";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const KEY_NAME_MAX = 64;

export const keyNameSchema = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(KEY_NAME_MAX, `Name must be at most ${KEY_NAME_MAX} characters.`)
  .refine(isSafeText, `Name ${UNSAFE_TEXT_MESSAGE}.`);

export const createKeySchema = z.strictObject({
  name: keyNameSchema,
  expiresAt: z.iso
    .datetime({ offset: true, error: "expiresAt must be an ISO 8601 date-time, e.g. 2027-01-31T23:59:59Z." })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() > Date.now(), "expiresAt must be in the future.")
    .nullish(),
});
export type CreateKeyInput = z.infer<typeof createKeySchema>;

export const keyIdParamSchema = z.uuid("Key id must be a UUID.");
