import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { InviteDialog } from "@/components/members/invite-dialog";
import { MemberRoleSelect } from "@/components/members/member-role-select";
import { OrganizationNameForm } from "@/components/members/organization-name-form";
import { RevokeInvitationButton } from "@/components/members/revoke-invitation-button";
import { RemoveMemberDialog } from "@/components/members/remove-member-dialog";
import { Badge } from "@/components/ui/badge";
import { Callout } from "@/components/ui/callout";
import { LocalDate } from "@/components/ui/time";
import { authProvider } from "@/lib/auth/mode";
import { holds } from "@/lib/auth/principal";
import { getViewer } from "@/lib/auth/session";
import { listInvitations } from "@/lib/members/invitations";
import { listMembers } from "@/lib/members/service";

export const metadata: Metadata = { title: "Members" };

const ROLE_HELP =
  "Owners manage everything, including who is owner. Admins manage keys, registries and the other members. Members can view keys and registries.";

export default async function MembersPage() {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();

  if (authProvider() === "clerk") {
    return <Callout tone="info">Members and roles are managed in your Clerk organisation.</Callout>;
  }

  const [members, invitations] = await Promise.all([listMembers(viewer.orgId), listInvitations(viewer.orgId)]);
  const canManage = holds(viewer, "members:write");
  const canManageOwners = holds(viewer, "members:owner");
  // Admins change members and admins; owners' rows (and making someone owner) are for owners.
  const editable = (role: string) => canManage && (role !== "owner" || canManageOwners);

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1.5">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Members</h1>
          <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">{ROLE_HELP}</p>
        </div>
        {canManage ? (
          <div data-focus-fallback className="shrink-0">
            <InviteDialog allowOwner={canManageOwners} />
          </div>
        ) : null}
      </div>
      {holds(viewer, "organization:write") ? <OrganizationNameForm name={viewer.orgName} /> : null}
      <section className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs">
        {/* Below md each member is a card: email on its own line, role, date and actions under it. */}
        <table className="w-full text-left text-sm max-md:block">
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs tracking-wide text-zinc-500 uppercase max-md:sr-only">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Email
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Joined
              </th>
              {canManage ? (
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 max-md:block">
            {members.map((member) => (
              <tr
                key={member.id}
                data-testid="member-row"
                data-focus-row={member.id}
                className="max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-4 max-md:gap-y-2 max-md:p-4"
              >
                <td className="px-4 py-3 break-all text-zinc-900 max-md:w-full max-md:p-0">
                  {member.email}
                  {member.userId === viewer.userId ? <span className="ml-2 text-xs text-zinc-500">(you)</span> : null}
                </td>
                <td className="px-4 py-3 max-md:p-0">
                  {editable(member.role) ? (
                    <MemberRoleSelect member={member} allowOwner={canManageOwners} />
                  ) : (
                    <Badge tone={member.role === "member" ? "grey" : "blue"}>{member.role}</Badge>
                  )}
                </td>
                <td className="px-4 py-3 text-zinc-600 max-md:p-0">
                  <LocalDate value={member.joinedAt} />
                </td>
                {canManage ? (
                  <td className="px-4 py-3 text-right max-md:ml-auto max-md:p-0" data-testid="member-actions">
                    {member.userId === viewer.userId || !editable(member.role) ? null : <RemoveMemberDialog member={member} />}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {invitations.length > 0 ? (
        <section aria-labelledby="pending-invitations" className="space-y-3">
          <h2 id="pending-invitations" className="text-lg font-semibold text-zinc-900">
            Pending invitations
          </h2>
          <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-xs">
            {invitations.map((invitation) => (
              <li
                key={invitation.id}
                data-testid="invitation-row"
                data-focus-row={invitation.id}
                className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm"
              >
                <span className="min-w-0 break-all text-zinc-900">{invitation.email}</span>
                <span className="flex items-center gap-3 text-zinc-600">
                  <Badge tone={invitation.role === "member" ? "grey" : "blue"}>{invitation.role}</Badge>
                  <span>
                    expires <LocalDate value={invitation.expiresAt} />
                  </span>
                  {canManage && (invitation.role !== "owner" || canManageOwners) ? (
                    <RevokeInvitationButton id={invitation.id} email={invitation.email} />
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
