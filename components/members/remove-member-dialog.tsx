"use client";

import { apiRequest } from "@/components/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { MemberView } from "@/lib/members/service";

/** "Remove", confirmed: the member loses access and is signed out everywhere. */
export function RemoveMemberDialog({ member }: { member: Pick<MemberView, "id" | "email"> }) {
  return (
    <ConfirmDialog
      trigger={{ label: "Remove" }}
      title={`Remove ${member.email}?`}
      description="They lose access to this organisation at once and are signed out everywhere. Keys they created keep verifying for your services but lose their authority on Keysmith's API."
      confirmLabel="Remove"
      action={() => apiRequest(`/api/members/${encodeURIComponent(member.id)}`, { method: "DELETE" })}
      done={`${member.email} removed.`}
    />
  );
}
