import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { changeRoleSchema, memberIdParamsSchema } from "@/lib/validations/members";
import { errors, jsonBody, jsonResponse, sessionSecurity, WRITE_ERRORS } from "../components";
import { memberListSchema, memberResultSchema } from "../schemas/members";

const LOCAL_ONLY = "Local sign-in only (Clerk manages members itself: 404).";

export function registerMemberPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/members",
    tags: ["Members"],
    summary: "List the organisation's members",
    description: LOCAL_ONLY,
    security: sessionSecurity,
    responses: { 200: jsonResponse("The members, oldest first.", memberListSchema), ...errors(401, 404) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/members/{id}",
    tags: ["Members"],
    summary: "Change a member's role",
    description: `Owners only; the last owner cannot step down (409). ${LOCAL_ONLY}`,
    security: sessionSecurity,
    request: { params: memberIdParamsSchema, body: jsonBody(changeRoleSchema, { role: "admin" }) },
    responses: { 200: jsonResponse("The member with the new role.", memberResultSchema), ...errors(...WRITE_ERRORS, 404, 409) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/members/{id}",
    tags: ["Members"],
    summary: "Remove a member",
    description: `Owners only; the member is signed out everywhere. ${LOCAL_ONLY}`,
    security: sessionSecurity,
    request: { params: memberIdParamsSchema },
    responses: { 204: { description: "Removed." }, ...errors(400, 401, 403, 404, 409) },
  });
}
