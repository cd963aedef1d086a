"use client";

import { apiRequest } from "@/components/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Revokes a pending invitation, confirmed: its link stops working at once. */
export function RevokeInvitationButton({ id, email }: { id: string; email: string }) {
  return (
    <ConfirmDialog
      trigger={{ label: "Revoke", ariaLabel: `Revoke the invitation of ${email}` }}
      title={`Revoke the invitation of ${email}?`}
      description="The invitation link stops working at once. You can invite them again later."
      confirmLabel="Revoke"
      action={() => apiRequest(`/api/invitations/${encodeURIComponent(id)}`, { method: "DELETE" })}
      done={`Invitation of ${email} revoked.`}
    />
  );
}
