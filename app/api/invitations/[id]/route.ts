import { route } from "@/lib/api/route";
import { noContent } from "@/lib/api/respond";
import { revokeInvitation as revokeInvitationOperation } from "@/lib/api/operations/members";
import { revokeInvitation } from "@/lib/members/invitations";

export const DELETE = route(revokeInvitationOperation, async ({ principal, params, audit }) => {
  await revokeInvitation(principal, params.id, audit);
  return noContent();
});
