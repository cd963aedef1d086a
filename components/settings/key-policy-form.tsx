"use client";

import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { toFormErrors, type FormErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { KeyPolicy } from "@/lib/keys/policy";
import { SettingsSection } from "./section";

const FIELDS = ["allowNoExpiry", "maxLifetimeDays", "retentionDays", "revokeLeakedKeys"] as const;

/** Whether keys may never expire, the longest lifetime, how long expired keys are kept, and what a leak report does. */
export function KeyPolicyForm({ policy, canWrite }: { policy: KeyPolicy; canWrite: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [errors, setErrors] = useState<FormErrors<(typeof FIELDS)[number]>>({});

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const max = String(data.get("maxLifetimeDays") ?? "").trim();
    const body = {
      allowNoExpiry: data.get("allowNoExpiry") === "on",
      maxLifetimeDays: max === "" ? null : Number(max),
      retentionDays: Number(data.get("retentionDays")),
      revokeLeakedKeys: data.get("revokeLeakedKeys") === "on",
    };
    setPending(true);
    setSaved(false);
    setErrors({});
    try {
      await apiRequest("/api/settings/keys", { method: "PUT", body });
      setSaved(true);
      toast("Key policy saved.");
      router.refresh();
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setPending(false);
    }
  }

  return (
    <SettingsSection
      id="key-policy"
      title="Key policy"
      description="Enforced by the server whenever a key is created or rotated. Expired keys are deleted after the retention period."
    >
      <form onSubmit={handleSubmit} className="space-y-4" noValidate>
        {errors.form ? (
          <Callout tone="error" role="alert">
            {errors.form}
          </Callout>
        ) : null}
        <label className="flex items-center gap-2 text-sm text-zinc-800">
          <input
            type="checkbox"
            name="allowNoExpiry"
            defaultChecked={policy.allowNoExpiry}
            disabled={!canWrite}
            className="size-4 accent-zinc-900"
          />
          Allow keys that never expire
        </label>
        <label className="flex items-center gap-2 text-sm text-zinc-800">
          <input
            type="checkbox"
            name="revokeLeakedKeys"
            defaultChecked={policy.revokeLeakedKeys}
            disabled={!canWrite}
            className="size-4 accent-zinc-900"
          />
          Revoke a key when a secret scanner reports it leaked (otherwise it is only marked)
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="policy-max-lifetime"
            label="Maximum lifetime (days)"
            labelNote="Optional"
            hint="Empty: no cap."
            error={errors.maxLifetimeDays}
          >
            {({ invalid, ...control }) => (
              <Input
                {...control}
                invalid={invalid}
                name="maxLifetimeDays"
                type="number"
                min={1}
                max={3650}
                defaultValue={policy.maxLifetimeDays ?? ""}
                disabled={!canWrite}
              />
            )}
          </Field>
          <Field id="policy-retention" label="Keep expired keys for (days)" error={errors.retentionDays}>
            {({ invalid, ...control }) => (
              <Input
                {...control}
                invalid={invalid}
                name="retentionDays"
                type="number"
                min={0}
                max={3650}
                defaultValue={policy.retentionDays}
                disabled={!canWrite}
              />
            )}
          </Field>
        </div>
        {canWrite ? (
          <div className="flex items-center gap-3">
            <Button type="submit" pending={pending}>
              Save policy
            </Button>
            {saved ? (
              <span role="status" className="text-sm text-emerald-700">
                Saved
              </span>
            ) : null}
          </div>
        ) : null}
      </form>
    </SettingsSection>
  );
}
