import { jsonResponse } from "@/lib/openapi/components";
import {
  createdInvitationSchema,
  invitationListSchema,
  memberListSchema,
  memberResultSchema,
  organizationResultSchema,
} from "@/lib/openapi/schemas/members";
import {
  changeRoleSchema,
  invitationIdParamsSchema,
  inviteSchema,
  memberIdParamsSchema,
  organizationSchema,
} from "@/lib/validations/members";
import { defineOperation, type ProtectedAccess } from "../operation";
import { sessionOrKey } from "./access";

// Local sign-in only: with Clerk as the provider, Clerk manages members itself (404 here).
const members = (permission: ProtectedAccess["permission"]): ProtectedAccess => ({
  ...sessionOrKey(permission, "refused"),
  localAuthOnly: true,
});
const OWNERS =
  "Only owners (signed in, never an API key) make someone owner, demote an owner or remove one; the last owner cannot step down (409). Every change is audited with the role before and after.";

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

export const listInvitations = defineOperation({
  id: "listInvitations",
  method: "GET",
  path: "/api/invitations",
  tag: "Members",
  summary: "Pending invitations",
  description: "Not yet used, revoked or expired, newest first. The links themselves are never shown again.",
  access: members("members:read"),
  responses: { 200: jsonResponse("The pending invitations.", invitationListSchema) },
  errors: [404],
});

export const createInvitation = defineOperation({
  id: "createInvitation",
  method: "POST",
  path: "/api/invitations",
  tag: "Members",
  summary: "Invite someone",
  description:
    "Answers a one-time sign-up link for this email address and role, valid 7 days, shown in this answer only (copy it to the person: no mail is sent). " +
    "Inviting an owner needs an owner signed in. 409 when the email is a member already.",
  access: members("members:write"),
  body: inviteSchema,
  bodyExample: { email: "ada@example.com", role: "admin" },
  responses: { 201: jsonResponse("The invitation and, once, its link.", createdInvitationSchema) },
  errors: [404, 409],
});

export const revokeInvitation = defineOperation({
  id: "revokeInvitation",
  method: "DELETE",
  path: "/api/invitations/{id}",
  tag: "Members",
  summary: "Revoke an invitation",
  description: "Its link stops working at once.",
  access: members("members:write"),
  params: invitationIdParamsSchema,
  responses: { 204: { description: "Revoked." } },
  errors: [404],
});

export const renameOrganization = defineOperation({
  id: "renameOrganization",
  method: "PATCH",
  path: "/api/organization",
  tag: "Members",
  summary: "Rename the organisation",
  description: "Owners only, signed in. Audited with the old and new name.",
  access: sessionOrKey("organization:write", "refused"),
  body: organizationSchema,
  bodyExample: { name: "Acme Platform" },
  responses: { 200: jsonResponse("The organisation.", organizationResultSchema) },
});
