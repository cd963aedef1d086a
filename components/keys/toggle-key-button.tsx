"use client";

import { apiRequest } from "@/components/api-request";
import { useRefreshingAction } from "@/components/use-refreshing-action";
import { Button } from "@/components/ui/button";
import type { KeyView } from "@/lib/keys/view";

/**
 * "Disable" or "Enable", as keyActions() decides. No confirmation: unlike revoking, it can be
 * undone with one click. Verifiers see the change within a second.
 */
export function ToggleKeyButton({ apiKey, action }: { apiKey: Pick<KeyView, "id" | "name">; action: "disable" | "enable" }) {
  const { run, pending, error } = useRefreshingAction();
  const disable = action === "disable";

  async function toggle() {
    if (pending) return;
    await run(
      () => apiRequest<{ key: KeyView }>(`/api/tokens/${encodeURIComponent(apiKey.id)}`, { method: "PATCH", body: { disabled: disable } }),
      `Key ${apiKey.name} ${disable ? "disabled" : "enabled"}.`,
    );
  }

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        pending={pending}
        onClick={toggle}
        aria-label={`${disable ? "Disable" : "Enable"} ${apiKey.name}`}
        data-key-action="toggle"
      >
        {disable ? "Disable" : "Enable"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}
