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
