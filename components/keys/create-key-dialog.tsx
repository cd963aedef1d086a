"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { focusFirstError, hasErrors, toFormErrors, type FormErrors } from "@/components/auth/form-errors";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { CheckIcon, CopyIcon, PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import type { CreatedKey } from "@/lib/keys/view";
import { ScopePicker, readScopes } from "./scope-picker";

// Mirrors KEY_NAME_MAX in lib/validations/keys.ts (not imported: it would pull zod into the
// browser bundle). The API validates again and its message wins.
const NAME_MAX = 64;
// Mirrors RATE_LIMIT_* in lib/validations/keys.ts.
const RATE_LIMIT_DEFAULT = 300;
const RATE_LIMIT_MAX = 1_000_000;

export interface CreateKeyDialogProps {
  /** Only owners and admins may create keys; for anyone else nothing is rendered. */
  canWrite: boolean;
  triggerVariant?: ButtonVariant;
}

/**
 * "Create key" button and modal. After creation the modal shows the raw key once; closing
 * the modal drops it from memory and refreshes the page's data. The refresh waits for the
 * close on purpose: refreshing earlier could re-render away the component that holds the key.
 */
export function CreateKeyDialog({ canWrite, triggerVariant = "primary" }: CreateKeyDialogProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);

  if (!canWrite) return null;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      const refresh = created !== null;
      setCreated(null);
      if (refresh) router.refresh();
    }
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button variant={triggerVariant}>
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
          <CreatedKeyView created={created} onDone={() => handleOpenChange(false)} />
        ) : (
          <CreateKeyForm pending={pending} setPending={setPending} onCreated={setCreated} />
        )}
      </DialogContent>
    </Dialog>
  );
}

const FIELDS = ["name", "expiresAt", "scopes", "rateLimitPerMinute"] as const;
type CreateKeyField = (typeof FIELDS)[number];

/** "YYYY-MM-DD" of a local calendar day. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last millisecond of a "YYYY-MM-DD" day in the browser's time zone, or null if it is not a date. */
function endOfLocalDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day, 23, 59, 59, 999);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

function validate(form: HTMLFormElement) {
  const data = new FormData(form);
  const name = String(data.get("name") ?? "").trim();
  const expiresOn = String(data.get("expiresAt") ?? "");
  const errors: FormErrors<CreateKeyField> = {};

  if (!name) errors.name = "Give the key a name.";
  else if (name.length > NAME_MAX) errors.name = `Name must be at most ${NAME_MAX} characters.`;

  let expiresAt: string | undefined;
  if (expiresOn) {
    const end = endOfLocalDay(expiresOn);
    if (!end) errors.expiresAt = "Enter a valid date.";
    else if (end.getTime() <= Date.now()) errors.expiresAt = "Choose a date in the future.";
    else expiresAt = end.toISOString();
  }

  const { scopes, error: scopesError } = readScopes(data);
  if (scopesError) errors.scopes = scopesError;

  const rateText = String(data.get("rateLimitPerMinute") ?? "").trim();
  const rateLimitPerMinute = rateText === "" ? RATE_LIMIT_DEFAULT : Number(rateText);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1 || rateLimitPerMinute > RATE_LIMIT_MAX) {
    errors.rateLimitPerMinute = `Enter a whole number from 1 to ${RATE_LIMIT_MAX.toLocaleString("en-US")}.`;
  }
  return { body: { name, ...(expiresAt ? { expiresAt } : {}), scopes, rateLimitPerMinute }, errors };
}

interface CreateKeyFormProps {
  pending: boolean;
  setPending: (pending: boolean) => void;
  onCreated: (created: CreatedKey) => void;
}

function CreateKeyForm({ pending, setPending, onCreated }: CreateKeyFormProps) {
  const [errors, setErrors] = useState<FormErrors<CreateKeyField>>({});
  // The form mounts when the dialog opens, so "today" is read then, never during SSR.
  const [today] = useState(() => localDay(new Date()));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const { body, errors: found } = validate(form);
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(form, found, FIELDS);
      return;
    }

    setPending(true);
    try {
      const created = await apiRequest<CreatedKey>("/api/tokens", { method: "POST", body });
      setPending(false);
      onCreated(created);
    } catch (error) {
      const next = toFormErrors(error, FIELDS);
      setErrors(next);
      setPending(false);
      focusFirstError(form, next, FIELDS);
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit}>
      <DialogHeader>
        <DialogTitle>Create API key</DialogTitle>
        <DialogDescription>
          Name the key after the service or person that will use it. The full key is shown only once, right after it
          is created.
        </DialogDescription>
      </DialogHeader>

      <div className="space-y-5">
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
        <Field
          id="create-key-expires"
          label="Expires on"
          labelNote="Optional"
          hint="Leave empty for a key that does not expire. The key stops working at the end of this day, in your time zone."
          error={errors.expiresAt}
        >
          {({ invalid, ...control }) => (
            <Input {...control} invalid={invalid} name="expiresAt" type="date" min={today} className="sm:max-w-56" />
          )}
        </Field>
        <ScopePicker error={errors.scopes} />
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
      </div>

      <DialogFooter>
        <Button type="submit" pending={pending}>
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}

type CopyState = "idle" | "copied" | "failed";

/** Tries the Clipboard API, then the legacy command (plain-HTTP installs have no Clipboard API). */
async function copyToClipboard(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the legacy path.
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

function CreatedKeyView({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>("idle");

  useEffect(() => {
    if (copy !== "copied") return;
    const timer = setTimeout(() => setCopy("idle"), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  async function handleCopy() {
    const copied = await copyToClipboard(created.rawKey, fieldRef.current);
    setCopy(copied ? "copied" : "failed");
    if (!copied) fieldRef.current?.select();
  }

  return (
    <div>
      <DialogHeader>
        <DialogTitle>API key created</DialogTitle>
        <DialogDescription className="break-words">
          Your new key <span className="font-medium text-zinc-900">{created.key.name}</span> is ready to use.
        </DialogDescription>
      </DialogHeader>

      <div className="space-y-4">
        <Callout tone="warning" role="alert" title="This key will not be shown again. Save it now.">
          Store it in your secret manager. If it is lost, revoke it and create a new one.
        </Callout>

        <div className="space-y-1.5">
          <label htmlFor="created-raw-key" className="text-sm font-medium text-zinc-800">
            API key
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Input
              ref={fieldRef}
              id="created-raw-key"
              data-testid="raw-key"
              value={created.rawKey}
              readOnly
              spellCheck={false}
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize="none"
              onFocus={(event) => event.currentTarget.select()}
              className="font-mono text-[13px] tracking-tight"
            />
            <Button variant="secondary" onClick={handleCopy} className="sm:w-28" autoFocus>
              {copy === "copied" ? (
                <CheckIcon className="size-4 text-emerald-600" />
              ) : (
                <CopyIcon className="size-4" />
              )}
              <span aria-live="polite">{copy === "copied" ? "Copied" : "Copy"}</span>
            </Button>
          </div>
          {copy === "failed" ? (
            <p role="alert" className="text-sm text-red-700">
              Could not copy automatically. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.
            </p>
          ) : null}
        </div>
      </div>

      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
