"use client";

import { apiRequest } from "@/components/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { KeyView } from "@/lib/keys/view";

/** "Revoke", confirmed: services using the key stop working at once. */
export function RevokeKeyDialog({ apiKey }: { apiKey: Pick<KeyView, "id" | "name"> }) {
  return (
    <ConfirmDialog
      trigger={{ label: "Revoke" }}
      title={`Revoke ${apiKey.name}?`}
      description="Services using this key will stop working immediately. Revoking cannot be undone."
      confirmLabel="Revoke"
      action={() => apiRequest(`/api/tokens/${encodeURIComponent(apiKey.id)}`, { method: "DELETE" })}
      done={`Key ${apiKey.name} revoked.`}
    />
  );
}
