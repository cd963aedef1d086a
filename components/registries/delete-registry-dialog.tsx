"use client";

import { apiRequest } from "@/components/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { RegistryView } from "@/lib/registries/view";

/** "Delete", confirmed. The server refuses the default, the built-in registry and upstreams in use. */
export function DeleteRegistryDialog({ registry }: { registry: RegistryView }) {
  return (
    <ConfirmDialog
      trigger={{ label: "Delete", ariaLabel: `Delete ${registry.name}` }}
      title={`Delete ${registry.name}?`}
      description="Packages it serves will resolve from the next registry in the list, and its stored API key is deleted with it."
      confirmLabel="Delete"
      action={() => apiRequest(`/api/registries/${encodeURIComponent(registry.id)}`, { method: "DELETE" })}
      done={`Registry ${registry.name} deleted.`}
    />
  );
}
