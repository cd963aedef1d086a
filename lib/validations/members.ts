import { z } from "zod";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const memberRoleSchema = z.enum(["owner", "admin", "member"], { error: "Role must be owner, admin or member." });

export const changeRoleSchema = z.strictObject({ role: memberRoleSchema });

export const memberIdParamsSchema = z.object({ id: z.uuid("Member id must be a UUID.") });

export const inviteSchema = z.strictObject({
  email: z
    .string({ error: "Email is required." })
    .trim()
    .toLowerCase()
    .max(254, "Email is too long.")
    .pipe(z.email("Enter a valid email address.")),
  role: memberRoleSchema,
});

export const invitationIdParamsSchema = z.object({ id: z.uuid("Invitation id must be a UUID.") });

export const organizationSchema = z.strictObject({
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, "Name is required.")
    .max(100, "Name must be at most 100 characters.")
    .refine(isSafeText, `Name ${UNSAFE_TEXT_MESSAGE}.`),
});
