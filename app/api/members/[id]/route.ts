import { json, noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/route";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { changeMemberRole, removeMember } from "@/lib/members/service";
import { changeRoleSchema, memberIdParamsSchema } from "@/lib/validations/members";

/** Changes a member's role. Owners only; the last owner cannot step down. */
export const PATCH = withSession({ params: memberIdParamsSchema, body: changeRoleSchema }, async ({ session, params, body }) => {
  assertLocalAuth();
  return json({ member: await changeMemberRole(session, params.id, body.role) });
});

/** Removes a member and signs them out everywhere. Owners only; the last owner cannot leave. */
export const DELETE = withSession({ params: memberIdParamsSchema }, async ({ session, params }) => {
  assertLocalAuth();
  await removeMember(session, params.id);
  return noContent();
});
