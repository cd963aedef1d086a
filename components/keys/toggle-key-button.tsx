"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import type { KeyView } from "@/lib/keys/view";

/**
 * "Disable" for an active key, "Enable" for a disabled one. No confirmation: unlike revoking,
 * it can be undone with one click. Verifiers see the change within a second.
 */
export function ToggleKeyButton({ apiKey }: { apiKey: Pick<KeyView, "id" | "name" | "status"> }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const disable = apiKey.status === "active";

  async function toggle() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await apiRequest<{ key: KeyView }>(`/api/tokens/${encodeURIComponent(apiKey.id)}`, { method: "PATCH", body: { disabled: disable } });
      router.refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="ghost" size="sm" pending={pending} onClick={toggle} aria-label={`${disable ? "Disable" : "Enable"} ${apiKey.name}`}>
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
