import { z } from "../zod";

export const memberViewSchema = z
  .strictObject({
    id: z.uuid().openapi({ description: "Membership id (used in /api/members/{id})." }),
    userId: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(["owner", "admin", "member"]),
    joinedAt: z.iso.datetime({ offset: true }),
  })
  .openapi("Member");

export const memberListSchema = z.strictObject({ data: z.array(memberViewSchema) });
export const memberResultSchema = z.strictObject({ member: memberViewSchema });

export const invitationViewSchema = z
  .strictObject({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(["owner", "admin", "member"]),
    invitedBy: z.string().openapi({ description: 'User id of who invited, or "apikey:<keyId>".' }),
    createdAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .openapi("Invitation");

export const invitationListSchema = z.strictObject({ data: z.array(invitationViewSchema) });
export const createdInvitationSchema = z.strictObject({
  invitation: invitationViewSchema,
  link: z.string().openapi({ description: "The one-time sign-up link: shown in this answer only (Keysmith keeps its SHA-256)." }),
});
export const organizationResultSchema = z.strictObject({ organization: z.strictObject({ id: z.uuid(), name: z.string() }) });
