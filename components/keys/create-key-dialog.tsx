"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import type { FormErrors } from "@/components/form-errors";
import { Button, type ButtonVariant } from "@/components/ui/button";
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
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useFormSubmit } from "@/components/use-form-submit";
import { useHydrated } from "@/components/use-hydrated";
import type { CatalogScope } from "@/lib/keys/catalog";
import type { KeyPolicy } from "@/lib/keys/policy";
import type { CreatedKey } from "@/lib/keys/view";
import { CreatedKeyView } from "./created-key-view";
import { useGuardedClose } from "./use-guarded-close";
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
} from "./key-form-fields";
import type { ProjectOption } from "./keys-table";

// Mirrors RATE_LIMIT_DEFAULT in lib/validations/keys.ts, like the limits in ./key-form-fields.
const RATE_LIMIT_DEFAULT = 300;

export interface CreateKeyDialogProps {
  /** Only owners and admins may create keys; for anyone else nothing is rendered. */
  canWrite: boolean;
  projects: ProjectOption[];
  catalog: CatalogScope[];
  policy: KeyPolicy;
  triggerVariant?: ButtonVariant;
}

/**
 * "Create key" button and modal. After creation the modal shows the raw key once; closing
 * the modal drops it from memory and refreshes the page's data. The refresh waits for the
 * close on purpose: refreshing earlier could re-render away the component that holds the key.
 */
export function CreateKeyDialog({ canWrite, triggerVariant = "primary", ...options }: CreateKeyDialogProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const form = useFormSubmit({
    fields: FIELDS,
    validate,
    send: (body) => apiRequest<CreatedKey>("/api/tokens", { method: "POST", body }),
    onSuccess: setCreated,
  });
  const { pending } = form;

  const guard = useGuardedClose(created !== null, () => {
    setOpen(false);
    const refresh = created !== null;
    setCreated(null);
    if (refresh) router.refresh();
  });

  if (!canWrite) return null;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    if (next) setOpen(true);
    else guard.requestClose();
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button variant={triggerVariant} disabled={!hydrated}>
          <PlusIcon className="size-4" />
          Create key
        </Button>
      </DialogTrigger>
      <DialogContent
        hideClose={pending}
        // A stray click must not throw away a key that will never be shown again.
        onInteractOutside={(event) => (pending || created) && event.preventDefault()}
        onEscapeKeyDown={(event) => pending && event.preventDefault()}
      >
        {created ? (
          <CreatedKeyView created={created} onDone={guard.close} askingClose={guard.asking} onKeepOpen={guard.keepOpen} />
        ) : (
          <CreateKeyForm form={form} {...options} />
        )}
      </DialogContent>
    </Dialog>
  );
}

const FIELDS = [
  "name",
  "type",
  "environment",
  "role",
  "scopes",
  "expiresAt",
  "notBefore",
  "projectId",
  "allowedIps",
  "rateLimitPerMinute",
  "remaining",
  "refill",
] as const;
type CreateKeyField = (typeof FIELDS)[number];

function validate(data: FormData) {
  const errors: FormErrors<CreateKeyField> = {};
  const { name, error: nameError } = readName(data);
  if (nameError) errors.name = nameError;

  const access = readAccess(data);
  if (access.error) errors.scopes = access.error;
  const expiry = readExpiry(data);
  if (expiry.error) errors.expiresAt = expiry.error;

  const notBeforeText = String(data.get("notBefore") ?? "");
  const notBefore = notBeforeText ? new Date(notBeforeText) : null;
  if (notBefore && Number.isNaN(notBefore.getTime())) errors.notBefore = "Enter a valid date and time.";

  const allowedIps = readAllowedIps(data);
  const { rateLimitPerMinute, error: rateError } = readRateLimit(data, RATE_LIMIT_DEFAULT);
  if (rateError) errors.rateLimitPerMinute = rateError;
  const credits = readCredits(data);
  Object.assign(errors, credits.errors);
  const projectId = String(data.get("projectId") ?? "");
  const body = {
    name,
    type: String(data.get("type") ?? "sk"),
    environment: String(data.get("environment") ?? "live"),
    ...access.body,
    ...expiry.body,
    ...(notBefore ? { notBefore: notBefore.toISOString() } : {}),
    ...(projectId ? { projectId } : {}),
    ...(allowedIps.length > 0 ? { allowedIps } : {}),
    rateLimitPerMinute,
    ...credits.body,
  };
  return { body, errors };
}

interface CreateKeyFormProps {
  /** useFormSubmit's answer, held by the dialog (which must not close while a request runs). */
  form: { onSubmit: (event: FormEvent<HTMLFormElement>) => void; pending: boolean; errors: FormErrors<CreateKeyField> };
  projects: ProjectOption[];
  catalog: CatalogScope[];
  policy: KeyPolicy;
}

function CreateKeyForm({ form, projects, catalog, policy }: CreateKeyFormProps) {
  const { errors, pending } = form;
  const [type, setType] = useState<"sk" | "pk">("sk");

  return (
    <form noValidate onSubmit={form.onSubmit}>
      <DialogHeader>
        <DialogTitle>Create API key</DialogTitle>
        <DialogDescription>
          Name the key after the service or person that will use it. The full key is shown only once, right after it is created.
        </DialogDescription>
      </DialogHeader>

      <div className="max-h-[65vh] space-y-5 overflow-y-auto pr-1">
        {errors.form ? (
          <Callout tone="error" role="alert">
            {errors.form}
          </Callout>
        ) : null}
        <Field id="create-key-name" label="Name" error={errors.name}>
          {({ invalid, ...control }) => (
            <Input
              {...control}
              invalid={invalid}
              name="name"
              placeholder="e.g. Billing service (production)"
              maxLength={NAME_MAX}
              autoComplete="off"
              required
              autoFocus
            />
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="create-key-type"
            label="Type"
            error={errors.type}
            hint={type === "pk" ? "Safe in a browser page: read and execute only." : "For servers only; never ship it to a browser."}
          >
            {({ invalid, ...control }) => (
              <Select
                {...control}
                invalid={invalid}
                name="type"
                value={type}
                onChange={(event) => setType(event.target.value as "sk" | "pk")}
              >
                <option value="sk">Secret (sk)</option>
                <option value="pk">Publishable (pk)</option>
              </Select>
            )}
          </Field>
          <Field id="create-key-environment" label="Environment" error={errors.environment}>
            {({ invalid, ...control }) => (
              <Select {...control} invalid={invalid} name="environment" defaultValue="live">
                <option value="live">Live</option>
                <option value="test">Test</option>
              </Select>
            )}
          </Field>
        </div>
        <AccessPicker key={type} type={type} catalog={catalog} error={errors.scopes ?? errors.role} />
        <ExpiryPicker policy={policy} error={errors.expiresAt} />
        {projects.length > 0 ? (
          <Field
            id="create-key-project"
            label="Project"
            labelNote="Optional"
            hint="Limit the key to one project; verification reports it."
            error={errors.projectId}
          >
            {({ invalid, ...control }) => (
              <Select {...control} invalid={invalid} name="projectId" defaultValue="">
                <option value="">Whole organisation</option>
                {projects.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        <details className="space-y-4 rounded-lg border border-zinc-200 p-3 open:pb-4">
          <summary className="cursor-pointer text-sm font-medium text-zinc-800">
            Advanced: not-before, IP allowlist, rate limit, usage credits
          </summary>
          <div className="mt-4 space-y-4">
            <Field
              id="create-key-not-before"
              label="Not before"
              labelNote="Optional"
              hint="Verification answers NOT_YET_VALID before this time."
              error={errors.notBefore}
            >
              {({ invalid, ...control }) => (
                <Input {...control} invalid={invalid} name="notBefore" type="datetime-local" className="sm:max-w-64" />
              )}
            </Field>
            <Field
              id="create-key-allowed-ips"
              label="Allowed IPs"
              labelNote="Optional"
              hint="Addresses or CIDR ranges, IPv4 or IPv6, separated by commas or spaces. Empty: any address."
              error={errors.allowedIps}
            >
              {({ invalid, ...control }) => (
                <Input
                  {...control}
                  invalid={invalid}
                  name="allowedIps"
                  placeholder="203.0.113.0/24, 2001:db8::/32"
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field
              id="create-key-rate-limit"
              label="Rate limit"
              hint="Successful verifications allowed per minute; more are answered RATE_LIMITED (HTTP 429 from the middleware)."
              error={errors.rateLimitPerMinute}
            >
              {({ invalid, ...control }) => (
                <div className="flex items-center gap-2">
                  <Input
                    {...control}
                    invalid={invalid}
                    name="rateLimitPerMinute"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={RATE_LIMIT_MAX}
                    step={1}
                    defaultValue={RATE_LIMIT_DEFAULT}
                    className="sm:max-w-36"
                  />
                  <span className="text-sm text-zinc-600">per minute</span>
                </div>
              )}
            </Field>
            <CreditsFields idPrefix="create-key" errors={{ remaining: errors.remaining, refill: errors.refill }} />
          </div>
        </details>
      </div>

      <DialogFooter>
        <DialogCancel disabled={pending} />
        <Button type="submit" pending={pending}>
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}
