"use client";

import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Callout } from "@/components/ui/callout";
import { Switch } from "@/components/ui/switch";
import type { RegistrySettingsView } from "@/lib/registries/view";

/** Whether discovery may reach loopback and private-network hosts. Owners and admins change it. */
export function PrivateHostsSetting({ settings, canWrite }: { settings: RegistrySettingsView; canWrite: boolean }) {
  const router = useRouter();
  const [checked, setChecked] = useState(settings.allowPrivateHosts);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    if (pending) return;
    setPending(true);
    setError(null);
    setChecked(next);
    try {
      await apiRequest("/api/registries/settings", { method: "PATCH", body: { allowPrivateHosts: next } });
      toast(next ? "Private and loopback hosts allowed." : "Private and loopback hosts refused.");
      router.refresh();
    } catch (caught) {
      setChecked(!next);
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="private-hosts-heading" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5">
      <div className="flex items-start justify-between gap-4">
        <div className="space-y-1">
          <h2 id="private-hosts-heading" className="text-sm font-semibold text-zinc-900">
            Registries on private networks
          </h2>
          <p id="private-hosts-description" className="text-sm leading-relaxed text-zinc-600">
            Let discovery reach loopback and private-network addresses (10.0.0.0/8, 192.168.0.0/16, fc00::/7…), for a registry on the same
            network as Keysmith. Cloud metadata and link-local addresses stay refused.
          </p>
        </div>
        {canWrite ? (
          <Switch
            checked={checked}
            onCheckedChange={toggle}
            disabled={pending}
            aria-labelledby="private-hosts-heading"
            aria-describedby="private-hosts-description"
          />
        ) : (
          <span className="shrink-0 text-sm font-medium text-zinc-700">{checked ? "Allowed" : "Not allowed"}</span>
        )}
      </div>
      {error ? (
        <Callout tone="error" role="alert" className="mt-3">
          {error}
        </Callout>
      ) : null}
    </section>
  );
}
