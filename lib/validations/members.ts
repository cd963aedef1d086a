import { z } from "zod";

export const memberRoleSchema = z.enum(["owner", "admin", "member"], { error: "Role must be owner, admin or member." });

export const changeRoleSchema = z.strictObject({ role: memberRoleSchema });

export const memberIdParamsSchema = z.object({ id: z.uuid("Member id must be a UUID.") });
