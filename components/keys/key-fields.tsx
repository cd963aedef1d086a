import Link from "next/link";
import type { ReactNode } from "react";
import { LocalDateTime, RelativeTime } from "@/components/ui/time";
import type { KeyDetailView } from "@/lib/keys/detail";
import { KeyIdCopy } from "./key-id-copy";
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

const never = <span className="text-zinc-500">never</span>;

function When({ value, past = true }: { value: string | null; past?: boolean }) {
  if (!value) return never;
  return (
    <span className="inline-flex flex-wrap gap-x-2">
      <LocalDateTime value={value} />
      <RelativeTime value={value} past={past} className="text-zinc-500" />
    </span>
  );
}

const TYPE_LABEL = { sk: "Secret (servers only)", pk: "Publishable (safe in a browser page)" } as const;

/** Every stored fact about a key, as a description list. */
export function KeyFields({ apiKey }: { apiKey: KeyDetailView }) {
  return (
    <dl className="divide-y divide-zinc-100" data-testid="key-fields">
      <Field label="Key">
        <MaskedKey value={apiKey.maskedValue} />
      </Field>
      <Field label="Key id">
        <KeyIdCopy keyId={apiKey.keyId} />
      </Field>
      {apiKey.description ? (
        <Field label="Description">
          <span className="break-words whitespace-pre-line">{apiKey.description}</span>
        </Field>
      ) : null}
      <Field label="External id">
        {apiKey.externalId ? (
          <code className="font-mono text-xs break-all">{apiKey.externalId}</code>
        ) : (
          <span className="text-zinc-500">none</span>
        )}
      </Field>
      <Field label="Metadata">
        {apiKey.meta ? (
          <pre
            data-testid="key-meta"
            tabIndex={0}
            className="max-w-full overflow-x-auto rounded-md bg-zinc-100 p-2 font-mono text-xs text-zinc-800"
          >
            {JSON.stringify(apiKey.meta, null, 2)}
          </pre>
        ) : (
          <span className="text-zinc-500">none</span>
        )}
      </Field>
      <Field label="Type">{TYPE_LABEL[apiKey.type]}</Field>
      <Field label="Environment">{apiKey.environment}</Field>
      {apiKey.role ? <Field label="Role">{apiKey.role}</Field> : null}
      <Field label="Scopes">
        {apiKey.scopes.length === 0 ? (
          <span className="text-zinc-500">none — the key can only prove who it is</span>
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
      <Field label="Project">{apiKey.projectName ?? <span className="text-zinc-500">every project</span>}</Field>
      <Field label="Rate limit">{countFormat.format(apiKey.rateLimitPerMinute)} verifications per minute</Field>
      <Field label="Usage credits">
        <KeyCredits credits={apiKey.credits} />
      </Field>
      <Field label="IP allowlist">
        {apiKey.allowedIps.length === 0 ? (
          <span className="text-zinc-500">any address</span>
        ) : (
          <span className="font-mono text-xs">{apiKey.allowedIps.join(", ")}</span>
        )}
      </Field>
      <Field label="Created by">
        <span className="break-all" title={apiKey.createdBy}>
          {apiKey.createdByLabel}
        </span>
      </Field>
      <Field label="Created">
        <When value={apiKey.createdAt} />
      </Field>
      {apiKey.notBefore ? (
        <Field label="Valid from">
          <When value={apiKey.notBefore} past={false} />
        </Field>
      ) : null}
      <Field label="Expires">{apiKey.expiresAt ? <When value={apiKey.expiresAt} past={false} /> : never}</Field>
      <Field label="Last used">
        <When value={apiKey.lastUsedAt} />
      </Field>
      <Field label="Usage">
        <span className="tabular-nums">{countFormat.format(apiKey.usageCount)}</span> successful{" "}
        {apiKey.usageCount === 1 ? "verification" : "verifications"} in total
      </Field>
      {apiKey.replacedById ? (
        <Field label="Replaced by">
          <Link href={`/keys/${apiKey.replacedById}`} className="font-medium text-sky-700 underline-offset-2 hover:underline">
            {apiKey.replacedByName ?? "a deleted key"}
          </Link>
          {apiKey.revokesAt ? (
            <span className="block text-zinc-500">
              Stops working <When value={apiKey.revokesAt} past={false} />
            </span>
          ) : null}
        </Field>
      ) : null}
      {apiKey.disabledAt ? (
        <Field label="Disabled">
          <When value={apiKey.disabledAt} />
        </Field>
      ) : null}
      {apiKey.leakedAt ? (
        <Field label="Leaked">
          <span data-testid="key-leaked" className="font-medium text-red-700">
            Reported found in public <When value={apiKey.leakedAt} />
          </span>
          {apiKey.leakedUrl ? <LeakSource url={apiKey.leakedUrl} /> : null}
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

/** Where the scanner found the key: a link only for http(s) URLs (the report comes from outside). */
function LeakSource({ url }: { url: string }) {
  const safe = URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
  return safe ? (
    <a href={url} rel="noreferrer noopener" target="_blank" className="block break-all text-sky-700 underline-offset-2 hover:underline">
      {url}
    </a>
  ) : (
    <span className="block break-all text-zinc-500">{url}</span>
  );
}

/** "7 left · refills to 100 daily" — or unlimited. */
function KeyCredits({ credits }: { credits: KeyDetailView["credits"] }) {
  if (credits.remaining === null) return <span className="text-zinc-500">unlimited</span>;
  const refill = credits.refill;
  return (
    <>
      <span data-testid="key-credits-remaining" className="font-medium tabular-nums">
        {countFormat.format(credits.remaining)}
      </span>{" "}
      left
      {refill ? (
        <span className="block text-zinc-500">
          Refills to {countFormat.format(refill.amount)}{" "}
          {refill.interval === "daily" ? "every day (UTC)" : `on day ${refill.dayOfMonth ?? 1} of every month (UTC)`}
        </span>
      ) : null}
    </>
  );
}
