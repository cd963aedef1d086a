"use client";

import { useState } from "react";
import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { CatalogScope } from "@/lib/keys/catalog";
import { EXPIRY_PRESET_DAYS } from "@/lib/keys/expiry";
import type { KeyPolicy } from "@/lib/keys/policy";
import { KEY_ROLES, PUBLISHABLE_ROLES, ROLE_DESCRIPTIONS, ROLE_SCOPES, isPublishableScope, type KeyRole } from "@/lib/keys/roles";

const CUSTOM = "custom";

// Mirror KEY_NAME_MAX and RATE_LIMIT_* in lib/validations/keys.ts (not imported: it would pull zod
// into the browser bundle). The API validates again and its message wins.
export const NAME_MAX = 64;
export const RATE_LIMIT_MAX = 1_000_000;

/** The key's name, trimmed, or why it cannot be one. */
export function readName(data: FormData): { name: string; error?: string } {
  const name = String(data.get("name") ?? "").trim();
  if (!name) return { name, error: "Give the key a name." };
  if (name.length > NAME_MAX) return { name, error: `Name must be at most ${NAME_MAX} characters.` };
  return { name };
}

/** The IP allowlist: addresses or CIDR ranges separated by commas or spaces. */
export function readAllowedIps(data: FormData): string[] {
  return String(data.get("allowedIps") ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** Verifications per minute; an empty field is `fallback` when given, else an error. */
export function readRateLimit(data: FormData, fallback?: number): { rateLimitPerMinute: number; error?: string } {
  const text = String(data.get("rateLimitPerMinute") ?? "").trim();
  const rateLimitPerMinute = text === "" && fallback !== undefined ? fallback : Number(text);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1 || rateLimitPerMinute > RATE_LIMIT_MAX) {
    return { rateLimitPerMinute, error: `Enter a whole number from 1 to ${RATE_LIMIT_MAX.toLocaleString("en-US")}.` };
  }
  return { rateLimitPerMinute };
}

/** { role } or { scopes } from the form, or an error message. */
export function readAccess(data: FormData): { body: { role: string } | { scopes: string[] }; error?: string } {
  const access = String(data.get("access") ?? "");
  if (access !== CUSTOM) return { body: { role: access } };
  return { body: { scopes: data.getAll("scope").map(String) } };
}

/** A role, or "Custom scopes" with the organisation's catalogue as checkboxes. Publishable keys: reader or executor only. */
export function AccessPicker({
  type,
  catalog,
  error,
  initial,
}: {
  type: "sk" | "pk";
  catalog: CatalogScope[];
  error?: string;
  initial?: { role: string | null; scopes: string[] };
}) {
  const roles = type === "pk" ? PUBLISHABLE_ROLES : KEY_ROLES;
  const [access, setAccess] = useState<string>(initial ? (initial.role ?? CUSTOM) : type === "pk" ? "executor" : "reader");
  const offered = type === "pk" ? catalog.filter((scope) => isPublishableScope(scope.name)) : catalog;
  // A key being edited may hold scopes the catalogue does not list: they stay offered (and checked).
  const extra = (initial?.role ? [] : (initial?.scopes ?? [])).filter((name) => !offered.some((scope) => scope.name === name));
  const scopes = [...offered, ...extra.map((name) => ({ name, description: "" }))];
  const checked = new Set(initial?.role ? [] : (initial?.scopes ?? []));
  return (
    <div className="space-y-3">
      <Field
        id="create-key-access"
        label="Access"
        hint={
          access === CUSTOM
            ? "Pick scopes from your organisation's catalogue (Settings)."
            : `${ROLE_DESCRIPTIONS[access as KeyRole]} Scopes: ${ROLE_SCOPES[access as KeyRole].join(", ")}.`
        }
      >
        {(control) => (
          <Select {...control} name="access" value={access} onChange={(event) => setAccess(event.target.value)}>
            {roles.map((role) => (
              <option key={role} value={role}>
                Role: {role}
              </option>
            ))}
            <option value={CUSTOM}>Custom scopes</option>
          </Select>
        )}
      </Field>
      {access === CUSTOM ? (
        <fieldset className="space-y-2" aria-describedby={error ? "create-key-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-zinc-800">Scopes</legend>
          <div className="grid max-h-48 grid-cols-1 gap-x-4 gap-y-1.5 overflow-y-auto sm:grid-cols-2">
            {scopes.map((scope) => (
              <label key={scope.name} className="flex items-center gap-2 text-sm text-zinc-700" title={scope.description}>
                <input
                  type="checkbox"
                  name="scope"
                  value={scope.name}
                  defaultChecked={checked.has(scope.name)}
                  className="size-4 rounded border-zinc-300 accent-zinc-900"
                />
                <code className="font-mono text-[13px]">{scope.name}</code>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {error ? <FieldError id="create-key-scopes-error">{error}</FieldError> : null}
    </div>
  );
}

/** The last millisecond of a "YYYY-MM-DD" day in the browser's time zone, or null if it is not a date. */
function endOfLocalDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day, 23, 59, 59, 999);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

export function readExpiry(data: FormData): { body: { expiresInDays?: number; expiresAt?: string | null }; error?: string } {
  const choice = String(data.get("expiry") ?? "never");
  if (choice === KEEP) return { body: {} };
  if (choice === "never") return { body: { expiresAt: null } };
  if (choice !== "date") return { body: { expiresInDays: Number(choice) } };
  const end = endOfLocalDay(String(data.get("expiresAt") ?? ""));
  if (!end) return { body: {}, error: "Enter a valid date." };
  if (end.getTime() <= Date.now()) return { body: {}, error: "Choose a date in the future." };
  return { body: { expiresAt: end.toISOString() } };
}

const KEEP = "keep";
const DEFAULT_DAYS = 90;

/**
 * Presets (7–365 days, 90 by default as GitHub does), a custom date, or never (with a warning) —
 * within the organisation's policy. Editing a key adds "Unchanged" (`current`), chosen first.
 */
export function ExpiryPicker({ policy, error, current }: { policy: KeyPolicy; error?: string; current?: { label: string } }) {
  const presets = EXPIRY_PRESET_DAYS.filter((days) => policy.maxLifetimeDays === null || days <= policy.maxLifetimeDays);
  const preferred = presets.includes(DEFAULT_DAYS as (typeof presets)[number]) ? DEFAULT_DAYS : presets.at(-1);
  const [choice, setChoice] = useState<string>(
    current ? KEEP : preferred !== undefined ? String(preferred) : policy.allowNoExpiry ? "never" : "date",
  );
  // The form mounts when the dialog opens, so "today" is read then, never during SSR.
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const limits = [
    policy.allowNoExpiry ? null : "every key must expire",
    policy.maxLifetimeDays ? `at most ${policy.maxLifetimeDays} days` : null,
  ].filter(Boolean);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id="create-key-expiry"
        label="Expires"
        hint={limits.length > 0 ? `Your organisation's policy: ${limits.join(", ")}.` : "The key stops working at this time."}
        error={choice === "date" ? undefined : error}
      >
        {({ invalid, ...control }) => (
          <Select {...control} invalid={invalid} name="expiry" value={choice} onChange={(event) => setChoice(event.target.value)}>
            {current ? <option value={KEEP}>Unchanged ({current.label})</option> : null}
            {presets.map((days) => (
              <option key={days} value={days}>
                In {days} days
              </option>
            ))}
            <option value="date">On a date…</option>
            {policy.allowNoExpiry ? <option value="never">Never</option> : null}
          </Select>
        )}
      </Field>
      {choice === "never" ? (
        <p className="text-sm text-amber-800 sm:col-span-2" data-testid="never-expires-warning">
          A key that never expires stays valid until someone revokes it. Prefer an expiry, and rotate the key before it.
        </p>
      ) : null}
      {choice === "date" ? (
        <Field id="create-key-expires" label="Expires on" hint="At the end of this day, in your time zone." error={error}>
          {({ invalid, ...control }) => <Input {...control} invalid={invalid} name="expiresAt" type="date" min={today} />}
        </Field>
      ) : null}
    </div>
  );
}

// Mirrors CREDITS_MAX in lib/credits/period.ts (zod stays out of the browser bundle); the API checks again.
const CREDITS_MAX = 1_000_000_000;

/** A key's credits as the form starts from (editing), or none (creating). */
export interface CreditsInitial {
  remaining: number | null;
  refill: { interval: "daily" | "monthly"; amount: number; dayOfMonth: number | null } | null;
}

const wholeIn = (text: string, min: number) => {
  const value = Number(text);
  return text !== "" && Number.isInteger(value) && value >= min && value <= CREDITS_MAX ? value : null;
};

/**
 * { remaining, refill } from the form, or errors by field. Editing sends only what changed from
 * `initial`: credits spent since the page loaded must not be set back by an edit of something else.
 */
export function readCredits(
  data: FormData,
  initial?: CreditsInitial,
): { body: { remaining?: number | null; refill?: RefillBody | null }; errors: { remaining?: string; refill?: string } } {
  const errors: { remaining?: string; refill?: string } = {};
  const remainingText = String(data.get("remaining") ?? "").trim();
  const remaining = remainingText === "" ? null : wholeIn(remainingText, 0);
  if (remainingText !== "" && remaining === null)
    errors.remaining = `Enter a whole number from 0 to ${CREDITS_MAX.toLocaleString("en-US")}, or leave it empty for unlimited.`;
  const interval = String(data.get("refillInterval") ?? "none");
  let refill: CreditsInitial["refill"] = null;
  if (interval === "daily" || interval === "monthly") {
    const amount = wholeIn(String(data.get("refillAmount") ?? "").trim(), 1);
    const day = interval === "monthly" ? wholeIn(String(data.get("refillDay") ?? "1").trim() || "1", 1) : null;
    if (amount === null) errors.refill = `Enter the refill amount: a whole number from 1 to ${CREDITS_MAX.toLocaleString("en-US")}.`;
    else if (interval === "monthly" && (day === null || day > 31)) errors.refill = "Enter the day of the month: 1 to 31.";
    else refill = { interval, amount, dayOfMonth: day };
  }
  if (!initial) {
    return { body: { ...(remaining !== null ? { remaining } : {}), ...(refill ? { refill: withoutNullDay(refill) } : {}) }, errors };
  }
  const body: { remaining?: number | null; refill?: RefillBody | null } = {};
  if (remaining !== initial.remaining) body.remaining = remaining;
  if (JSON.stringify(refill) !== JSON.stringify(initial.refill)) body.refill = refill ? withoutNullDay(refill) : null;
  // A refill needs credits: starting one on an unlimited key starts it at the refill's amount.
  if (body.remaining === null && refill) delete body.remaining;
  return { body, errors };
}

type RefillBody = { interval: "daily" | "monthly"; amount: number; dayOfMonth?: number };

function withoutNullDay(refill: NonNullable<CreditsInitial["refill"]>): RefillBody {
  return refill.dayOfMonth === null
    ? { interval: refill.interval, amount: refill.amount }
    : { interval: refill.interval, amount: refill.amount, dayOfMonth: refill.dayOfMonth };
}

/** Usage credits (empty: unlimited) and an optional daily or monthly refill. */
export function CreditsFields({
  idPrefix,
  initial,
  errors,
}: {
  idPrefix: string;
  initial?: CreditsInitial;
  errors: { remaining?: string; refill?: string };
}) {
  const [interval, setRefillInterval] = useState<string>(initial?.refill?.interval ?? "none");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id={`${idPrefix}-remaining`}
        label="Usage credits"
        hint="Verifications left (a request may spend more with cost); then USAGE_EXCEEDED. Empty: unlimited."
        error={errors.remaining}
      >
        {({ invalid, ...control }) => (
          <Input
            {...control}
            invalid={invalid}
            name="remaining"
            type="number"
            inputMode="numeric"
            min={0}
            max={CREDITS_MAX}
            step={1}
            placeholder="Unlimited"
            defaultValue={initial?.remaining ?? ""}
            className="sm:max-w-36"
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-refill`}
        label="Refill"
        hint="Sets the credits back to an amount at each period's start (UTC)."
        error={errors.refill}
      >
        {({ invalid, ...control }) => (
          <Select
            {...control}
            invalid={invalid}
            name="refillInterval"
            value={interval}
            onChange={(event) => setRefillInterval(event.target.value)}
          >
            <option value="none">No refill</option>
            <option value="daily">Daily</option>
            <option value="monthly">Monthly</option>
          </Select>
        )}
      </Field>
      {interval !== "none" ? (
        <>
          <Field id={`${idPrefix}-refill-amount`} label="Refill to">
            {(control) => (
              <Input
                {...control}
                name="refillAmount"
                type="number"
                inputMode="numeric"
                min={1}
                max={CREDITS_MAX}
                step={1}
                defaultValue={initial?.refill?.amount ?? ""}
                className="sm:max-w-36"
              />
            )}
          </Field>
          {interval === "monthly" ? (
            <Field id={`${idPrefix}-refill-day`} label="On day of the month" hint="The month's last day when it is shorter.">
              {(control) => (
                <Input
                  {...control}
                  name="refillDay"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={31}
                  step={1}
                  defaultValue={initial?.refill?.dayOfMonth ?? 1}
                  className="sm:max-w-24"
                />
              )}
            </Field>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
