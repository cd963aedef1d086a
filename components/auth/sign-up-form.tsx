"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { apiRequest } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { focusFirstError, hasErrors, toFormErrors, type FormErrors } from "@/components/form-errors";

const FIELDS = ["name", "email", "password"] as const;
type SignUpField = (typeof FIELDS)[number];

interface SignUpValues {
  email: string;
  password: string;
  name?: string;
  invitation?: string;
}

function validate(form: HTMLFormElement, passwordMinLength: number) {
  const data = new FormData(form);
  const name = String(data.get("name") ?? "").trim();
  const email = String(data.get("email") ?? "").trim();
  const password = String(data.get("password") ?? "");
  const emailInput = form.elements.namedItem("email");
  const errors: FormErrors<SignUpField> = {};
  if (!email) errors.email = "Enter your email address.";
  else if (emailInput instanceof HTMLInputElement && emailInput.validity.typeMismatch) {
    errors.email = "Enter a valid email address.";
  }
  if (!password) errors.password = "Choose a password.";
  else if (password.length < passwordMinLength) {
    errors.password = `Password must be at least ${passwordMinLength} characters.`;
  }
  const invitation = String(data.get("invitation") ?? "");
  const values: SignUpValues = { email, password, ...(name ? { name } : {}), ...(invitation ? { invitation } : {}) };
  return { values, errors };
}

export interface SignUpFormProps {
  /** The server's minimum, so the hint and the check match what the API enforces. */
  passwordMinLength: number;
  /** The token of the invitation link this page was opened with. */
  invitation?: string;
  /** The message of a failed plain form post (the page was reloaded with ?error=). */
  initialError?: string;
}

/**
 * A POST form to the sign-up API: before JavaScript runs (or without it) the browser posts it as a
 * plain form and the server answers with a redirect, so the password never lands in a URL.
 */
export function SignUpForm({ passwordMinLength, invitation, initialError }: SignUpFormProps) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors<SignUpField>>(initialError ? { form: initialError } : {});
  const [pending, setPending] = useState(false);
  // The form works before hydration too (a plain POST); the marker tells tests React has taken over.
  const hydrated = useHydrated();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const { values, errors: found } = validate(form, passwordMinLength);
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(form, found, FIELDS);
      return;
    }

    setPending(true);
    try {
      // Sign-up also signs the new account in.
      await apiRequest("/api/auth/sign-up", { method: "POST", body: values });
      router.replace("/keys");
      router.refresh();
    } catch (error) {
      const next = toFormErrors(error, FIELDS);
      setErrors(next);
      setPending(false);
      focusFirstError(form, next, FIELDS);
    }
  }

  return (
    <form
      noValidate
      method="post"
      action="/api/auth/sign-up"
      data-hydrated={hydrated || undefined}
      onSubmit={handleSubmit}
      className="space-y-5"
    >
      {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
      {errors.form ? (
        <Callout tone="error" role="alert">
          {errors.form}
        </Callout>
      ) : null}
      <Field id="sign-up-name" label="Name" labelNote="Optional" error={errors.name}>
        {({ invalid, ...control }) => <Input {...control} invalid={invalid} name="name" autoComplete="name" maxLength={100} autoFocus />}
      </Field>
      <Field id="sign-up-email" label="Email" error={errors.email}>
        {({ invalid, ...control }) => (
          <Input
            {...control}
            invalid={invalid}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        )}
      </Field>
      <Field
        id="sign-up-password"
        label="Password"
        hint={`At least ${passwordMinLength} characters. A passphrase of a few words works well.`}
        error={errors.password}
      >
        {({ invalid, ...control }) => (
          <Input
            {...control}
            invalid={invalid}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={passwordMinLength}
            required
          />
        )}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
