import type { ReactNode } from "react";
import { LocalDateTime, RelativeTime } from "@/components/ui/time";
import type { KeyDetailView } from "@/lib/keys/detail";
import { MaskedKey } from "./masked-key";

const countFormat = new Intl.NumberFormat("en-US");

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm text-zinc-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

const never = <span className="text-zinc-400">never</span>;

function When({ value, past = true }: { value: string | null; past?: boolean }) {
  if (!value) return never;
  return (
    <span className="flex flex-wrap gap-x-2">
      <LocalDateTime value={value} />
      <RelativeTime value={value} past={past} className="text-zinc-500" />
    </span>
  );
}

/** Every stored fact about a key, as a description list. */
export function KeyFields({ apiKey }: { apiKey: KeyDetailView }) {
  return (
    <dl className="divide-y divide-zinc-100" data-testid="key-fields">
      <Field label="Key">
        <MaskedKey prefix={apiKey.prefix} />
      </Field>
      <Field label="Environment">{apiKey.environment}</Field>
      <Field label="Scopes">
        {apiKey.scopes.length === 0 ? (
          <span className="text-zinc-400">none — the key can only prove who it is</span>
        ) : (
          <ul className="flex flex-wrap gap-1" aria-label="Scopes">
            {apiKey.scopes.map((scope) => (
              <li key={scope}>
                <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">{scope}</code>
              </li>
            ))}
          </ul>
        )}
      </Field>
      <Field label="Rate limit">{countFormat.format(apiKey.rateLimitPerMinute)} verifications per minute</Field>
      <Field label="Created by">
        <span className="break-all" title={apiKey.createdBy}>
          {apiKey.createdByLabel}
        </span>
      </Field>
      <Field label="Created">
        <When value={apiKey.createdAt} />
      </Field>
      <Field label="Expires">{apiKey.expiresAt ? <When value={apiKey.expiresAt} past={false} /> : never}</Field>
      <Field label="Last used">
        <When value={apiKey.lastUsedAt} />
      </Field>
      <Field label="Usage">
        <span className="tabular-nums">{countFormat.format(apiKey.usageCount)}</span> successful verifications in total
      </Field>
      {apiKey.disabledAt ? (
        <Field label="Disabled">
          <When value={apiKey.disabledAt} />
        </Field>
      ) : null}
      {apiKey.revokedAt ? (
        <Field label="Revoked">
          <When value={apiKey.revokedAt} />
        </Field>
      ) : null}
    </dl>
  );
}
