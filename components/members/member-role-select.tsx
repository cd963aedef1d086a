"use client";

import { apiRequest } from "@/components/api-request";
import { useRefreshingAction } from "@/components/use-refreshing-action";
import type { OrgRole } from "@/lib/auth/types";
import type { MemberView } from "@/lib/members/service";

const ROLES: { value: OrgRole; label: string }[] = [
  { value: "owner", label: "Owner" },
  { value: "admin", label: "Admin" },
  { value: "member", label: "Member" },
];

/** Role picker for owners and admins (only owners may choose Owner); saves on change and shows the API's message when refused. */
export function MemberRoleSelect({ member, allowOwner }: { member: Pick<MemberView, "id" | "email" | "role">; allowOwner: boolean }) {
  const { run, pending, error } = useRefreshingAction();

  async function change(role: OrgRole) {
    await run(
      () => apiRequest(`/api/members/${encodeURIComponent(member.id)}`, { method: "PATCH", body: { role } }),
      `${member.email} is now ${role === "admin" ? "an" : "a"} ${role}.`,
    );
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <select
        aria-label={`Role of ${member.email}`}
        value={member.role}
        disabled={pending}
        onChange={(event) => change(event.target.value as OrgRole)}
        className="h-8 rounded-lg border border-zinc-300 bg-white px-2 text-sm text-zinc-900 shadow-xs hover:border-zinc-400 focus:border-zinc-500 focus:outline-2 focus:outline-sky-600 disabled:opacity-60"
      >
        {ROLES.filter((role) => allowOwner || role.value !== "owner").map((role) => (
          <option key={role.value} value={role.value}>
            {role.label}
          </option>
        ))}
      </select>
      {error ? (
        <p role="status" className="max-w-56 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
