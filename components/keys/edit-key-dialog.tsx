"use client";

import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/api-request";
import type { FormErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import {
  Dialog,
  DialogCancel,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useFormSubmit } from "@/components/use-form-submit";
import type { CatalogScope } from "@/lib/keys/catalog";
import type { KeyPolicy } from "@/lib/keys/policy";
import type { KeyView } from "@/lib/keys/view";
import {
  AccessPicker,
  CreditsFields,
  ExpiryPicker,
  NAME_MAX,
  RATE_LIMIT_MAX,
  readAccess,
  readAllowedIps,
  readCredits,
  readExpiry,
  readName,
  readRateLimit,
  type CreditsInitial,
} from "./key-form-fields";

// Mirrors lib/validations (not imported: zod stays out of the browser bundle); the API checks again.
const DESCRIPTION_MAX = 500;
const EXTERNAL_ID_MAX = 128;
const META_MAX_BYTES = 4096;

const FIELDS = [
  "name",
  "description",
  "externalId",
  "meta",
  "role",
  "scopes",
  "expiresAt",
  "allowedIps",
  "rateLimitPerMinute",
  "remaining",
  "refill",
] as const;
type EditField = (typeof FIELDS)[number];

export type EditableKey = Pick<
  KeyView,
  | "id"
  | "name"
  | "description"
  | "meta"
  | "externalId"
  | "type"
  | "role"
  | "scopes"
  | "expiresAt"
  | "allowedIps"
  | "rateLimitPerMinute"
  | "credits"
>;

function readMeta(text: string): { meta?: Record<string, unknown> | null; error?: string } {
  if (text.trim() === "") return { meta: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'Metadata must be JSON, e.g. {"plan": "pro"}.' };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "Metadata must be a JSON object ({ … })." };
  if (new TextEncoder().encode(JSON.stringify(value)).length > META_MAX_BYTES)
    return { error: `Metadata must be at most ${META_MAX_BYTES} bytes.` };
  return { meta: value as Record<string, unknown> };
}

function validate(data: FormData, credits: CreditsInitial) {
  const errors: FormErrors<EditField> = {};
  const text = (field: string) => String(data.get(field) ?? "").trim();
  const { name, error: nameError } = readName(data);
  if (nameError) errors.name = nameError;
  const description = text("description");
  if (description.length > DESCRIPTION_MAX) errors.description = `At most ${DESCRIPTION_MAX} characters.`;
  const externalId = text("externalId");
  if (externalId.length > EXTERNAL_ID_MAX) errors.externalId = `At most ${EXTERNAL_ID_MAX} characters.`;
  const meta = readMeta(String(data.get("meta") ?? ""));
  if (meta.error) errors.meta = meta.error;
  const access = readAccess(data);
  const expiry = readExpiry(data);
  if (expiry.error) errors.expiresAt = expiry.error;
  const allowedIps = readAllowedIps(data);
  const { rateLimitPerMinute, error: rateError } = readRateLimit(data);
  if (rateError) errors.rateLimitPerMinute = rateError;
  const creditChanges = readCredits(data, credits);
  Object.assign(errors, creditChanges.errors);
  const body = {
    ...creditChanges.body,
    name,
    description,
    externalId: externalId || null,
    meta: meta.meta ?? null,
    ...access.body,
    ...expiry.body,
    allowedIps,
    rateLimitPerMinute,
  };
  return { body, errors };
}

function expiryLabel(expiresAt: string | null): string {
  return expiresAt ? `expires ${formatDate(expiresAt)}` : "never expires";
}

/** "Edit": every setting of a key except its secret, type, environment and project. */
export function EditKeyDialog({ apiKey, catalog, policy }: { apiKey: EditableKey; catalog: CatalogScope[]; policy: KeyPolicy }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useFormSubmit({
    fields: FIELDS,
    validate: (data: FormData) => validate(data, apiKey.credits),
    send: (body) => apiRequest<{ key: KeyView }>(`/api/tokens/${encodeURIComponent(apiKey.id)}`, { method: "PATCH", body }),
    onSuccess: ({ key }) => {
      setOpen(false);
      toast(`Saved changes to ${key.name}.`);
      router.refresh();
    },
  });
  const { errors, pending } = form;

  return (
    <Dialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit ${apiKey.name}`}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent
        hideClose={pending}
        onInteractOutside={(event) => pending && event.preventDefault()}
        onEscapeKeyDown={(event) => pending && event.preventDefault()}
      >
        <form noValidate method="post" onSubmit={form.onSubmit} data-testid="edit-key-form">
          <DialogHeader>
            <DialogTitle className="break-words">Edit {apiKey.name}</DialogTitle>
            <DialogDescription>Changes apply to verification within a second. The key itself stays the same.</DialogDescription>
          </DialogHeader>
          <div className="max-h-[60vh] space-y-5 overflow-y-auto pr-1">
            {errors.form ? (
              <Callout tone="error" role="alert">
                {errors.form}
              </Callout>
            ) : null}
            <Field id="edit-key-name" label="Name" error={errors.name}>
              {({ invalid, ...control }) => (
                <Input
                  {...control}
                  invalid={invalid}
                  name="name"
                  defaultValue={apiKey.name}
                  maxLength={NAME_MAX}
                  autoComplete="off"
                  required
                />
              )}
            </Field>
            <Field id="edit-key-description" label="Description" labelNote="Optional" error={errors.description}>
              {({ invalid, ...control }) => (
                <Textarea
                  {...control}
                  invalid={invalid}
                  name="description"
                  rows={2}
                  defaultValue={apiKey.description}
                  maxLength={DESCRIPTION_MAX}
                />
              )}
            </Field>
            <Field
              id="edit-key-external-id"
              label="External id"
              labelNote="Optional"
              hint="Who owns the key in your own system, e.g. a customer id. Searchable."
              error={errors.externalId}
            >
              {({ invalid, ...control }) => (
                <Input
                  {...control}
                  invalid={invalid}
                  name="externalId"
                  defaultValue={apiKey.externalId ?? ""}
                  maxLength={EXTERNAL_ID_MAX}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field
              id="edit-key-meta"
              label="Metadata"
              labelNote="Optional"
              hint={`A JSON object (at most ${META_MAX_BYTES} bytes); verification answers it as "meta".`}
              error={errors.meta}
            >
              {({ invalid, ...control }) => (
                <Textarea
                  {...control}
                  invalid={invalid}
                  name="meta"
                  rows={3}
                  defaultValue={apiKey.meta ? JSON.stringify(apiKey.meta, null, 2) : ""}
                  placeholder='{"plan": "pro"}'
                  spellCheck={false}
                  className="font-mono text-[13px]"
                />
              )}
            </Field>
            <AccessPicker
              type={apiKey.type}
              catalog={catalog}
              error={errors.scopes ?? errors.role}
              initial={{ role: apiKey.role, scopes: apiKey.scopes }}
            />
            <ExpiryPicker policy={policy} error={errors.expiresAt} current={{ label: expiryLabel(apiKey.expiresAt) }} />
            <Field
              id="edit-key-allowed-ips"
              label="Allowed IPs"
              labelNote="Optional"
              hint="Addresses or CIDR ranges, separated by commas or spaces. Empty: any address."
              error={errors.allowedIps}
            >
              {({ invalid, ...control }) => (
                <Input
                  {...control}
                  invalid={invalid}
                  name="allowedIps"
                  defaultValue={apiKey.allowedIps.join(", ")}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field
              id="edit-key-rate-limit"
              label="Rate limit"
              hint="Successful verifications allowed per minute."
              error={errors.rateLimitPerMinute}
            >
              {({ invalid, ...control }) => (
                <Input
                  {...control}
                  invalid={invalid}
                  name="rateLimitPerMinute"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={RATE_LIMIT_MAX}
                  step={1}
                  defaultValue={apiKey.rateLimitPerMinute}
                  className="sm:max-w-36"
                />
              )}
            </Field>
            <CreditsFields idPrefix="edit-key" initial={apiKey.credits} errors={{ remaining: errors.remaining, refill: errors.refill }} />
          </div>
          <DialogFooter>
            <DialogCancel disabled={pending} />
            <Button type="submit" pending={pending}>
              Save changes
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
