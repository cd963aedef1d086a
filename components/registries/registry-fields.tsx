"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { RegistryView } from "@/lib/registries/view";

// The fields shared by "Add registry" and "Edit": display name, scopes, upstream.

export const NAME_MAX = 64;

interface RegistryFieldsProps {
  idPrefix: string;
  errors: Partial<Record<"name" | "scopes" | "upstreamId", string>>;
  defaults: { name: string; scopes: string; upstreamId: string | null };
  /** Candidates for the upstream (the registry itself excluded). */
  upstreamOptions: Pick<RegistryView, "id" | "name">[];
  autoFocusName?: boolean;
}

export function RegistryFields({ idPrefix, errors, defaults, upstreamOptions, autoFocusName }: RegistryFieldsProps) {
  return (
    <>
      <Field id={`${idPrefix}-name`} label="Display name" error={errors.name}>
        {({ invalid, ...control }) => (
          <Input
            {...control}
            invalid={invalid}
            name="name"
            defaultValue={defaults.name}
            maxLength={NAME_MAX}
            autoComplete="off"
            required
            autoFocus={autoFocusName}
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-scopes`}
        label="Scopes"
        labelNote="Optional"
        hint="Packages of these scopes always come from this registry, e.g. @company. A registry with scopes serves only them."
        error={errors.scopes}
      >
        {({ invalid, ...control }) => (
          <Input
            {...control}
            invalid={invalid}
            name="scopes"
            defaultValue={defaults.scopes}
            placeholder="@company, @company-tools"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-upstream`}
        label="Upstream"
        labelNote="Optional"
        hint="For a proxy registry: where it falls through to for packages it does not host."
        error={errors.upstreamId}
      >
        {({ invalid, ...control }) => (
          <Select {...control} invalid={invalid} name="upstreamId" defaultValue={defaults.upstreamId ?? ""}>
            <option value="">No upstream</option>
            {upstreamOptions.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </>
  );
}
