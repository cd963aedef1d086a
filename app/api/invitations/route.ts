import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/members";
import { createInvitation, INVITATION_PATH, listInvitations } from "@/lib/members/invitations";

export const GET = route(operations.listInvitations, async ({ principal }) => json({ data: await listInvitations(principal.orgId) }));

/** The link is built on the origin the request came to, and shown once. */
export const POST = route(operations.createInvitation, async ({ principal, body, audit, request }) => {
  const { invitation, token } = await createInvitation(principal, body, audit);
  return json({ invitation, link: `${request.nextUrl.origin}${INVITATION_PATH}${token}` }, 201);
});
