import { json, noContent } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import * as operations from "@/lib/api/operations/members";
import { changeMemberRole, removeMember } from "@/lib/members/service";

/** Owner changes need an owner; the last owner cannot step down. */
export const PATCH = route(operations.changeMemberRole, async ({ principal, params, body, audit }) =>
  json({ member: await changeMemberRole(principal, params.id, body.role, audit) }),
);

/** Removes a member and signs them out everywhere; their keys lose their management authority. */
export const DELETE = route(operations.removeMember, async ({ principal, params, audit }) => {
  await removeMember(principal, params.id, audit);
  return noContent();
});
