import { jsonResponse } from "@/lib/openapi/components";
import { memberListSchema, memberResultSchema } from "@/lib/openapi/schemas/members";
import { changeRoleSchema, memberIdParamsSchema } from "@/lib/validations/members";
import { defineOperation, type ProtectedAccess } from "../operation";
import { sessionOrKey } from "./access";

// Local sign-in only: with Clerk as the provider, Clerk manages members itself (404 here).
const members = (permission: ProtectedAccess["permission"]): ProtectedAccess => ({ ...sessionOrKey(permission, "refused"), localAuthOnly: true });
const OWNERS = "Only owners (signed in, never an API key) make someone owner, demote an owner or remove one; the last owner cannot step down (409). Every change is audited with the role before and after.";

export const listMembers = defineOperation({
  id: "listMembers",
  method: "GET",
  path: "/api/members",
  tag: "Members",
  summary: "List the organisation's members",
  access: members("members:read"),
  responses: { 200: jsonResponse("The members, oldest first.", memberListSchema) },
  errors: [404],
});

export const changeMemberRole = defineOperation({
  id: "changeMemberRole",
  method: "PATCH",
  path: "/api/members/{id}",
  tag: "Members",
  summary: "Change a member's role",
  description: OWNERS,
  access: members("members:write"),
  params: memberIdParamsSchema,
  body: changeRoleSchema,
  bodyExample: { role: "admin" },
  responses: { 200: jsonResponse("The member with the new role.", memberResultSchema) },
  errors: [404, 409],
});

export const removeMember = defineOperation({
  id: "removeMember",
  method: "DELETE",
  path: "/api/members/{id}",
  tag: "Members",
  summary: "Remove a member",
  description: `The member is signed out everywhere, and the keys they created lose their authority on this API. ${OWNERS}`,
  access: members("members:write"),
  params: memberIdParamsSchema,
  responses: { 204: { description: "Removed." } },
  errors: [404, 409],
});
