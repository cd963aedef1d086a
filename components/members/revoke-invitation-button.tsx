"use client";

import { apiRequest } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { useRefreshingAction } from "@/components/use-refreshing-action";

/** Revokes a pending invitation: its link stops working at once. */
export function RevokeInvitationButton({ id, email }: { id: string; email: string }) {
  const { run, pending, error } = useRefreshingAction();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="danger-ghost"
        size="sm"
        pending={pending}
        aria-label={`Revoke the invitation of ${email}`}
        onClick={() => run(() => apiRequest(`/api/invitations/${encodeURIComponent(id)}`, { method: "DELETE" }))}
      >
        Revoke
      </Button>
      {error ? (
        <p role="status" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
