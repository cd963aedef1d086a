"use client";

import { useRouter } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { apiRequest } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { focusFirstError, hasErrors, toFormErrors, type FormErrors } from "@/components/form-errors";

const FIELDS = ["email", "password"] as const;
type SignInField = (typeof FIELDS)[number];

function validate(form: HTMLFormElement) {
  const data = new FormData(form);
  const email = String(data.get("email") ?? "").trim();
  const password = String(data.get("password") ?? "");
  const emailInput = form.elements.namedItem("email");
  const errors: FormErrors<SignInField> = {};
  if (!email) errors.email = "Enter your email address.";
  else if (emailInput instanceof HTMLInputElement && emailInput.validity.typeMismatch) {
    errors.email = "Enter a valid email address.";
  }
  if (!password) errors.password = "Enter your password.";
  return { values: { email, password }, errors };
}

/**
 * A POST form to the sign-in API: before JavaScript runs (or without it) the browser posts it as a
 * plain form and the server answers with a redirect, so the password never lands in a URL.
 */
export function SignInForm({ initialError, next }: { initialError?: string; next?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors<SignInField>>(initialError ? { form: initialError } : {});
  const [pending, setPending] = useState(false);
  // The form works before hydration too (a plain POST); the marker tells tests React has taken over.
  const hydrated = useHydrated();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const { values, errors: found } = validate(form);
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(form, found, FIELDS);
      return;
    }

    setPending(true);
    try {
      await apiRequest("/api/auth/sign-in", { method: "POST", body: values });
      // Stay pending: the page is about to change.
      router.replace(safeNextPath(new URLSearchParams(window.location.search).get("next")));
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
      action="/api/auth/sign-in"
      data-hydrated={hydrated || undefined}
      onSubmit={handleSubmit}
      className="space-y-5"
    >
      {/* Where to go after signing in, for the plain post too (the server judges it again). */}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {errors.form ? (
        <Callout tone="error" role="alert">
          {errors.form}
        </Callout>
      ) : null}
      <Field id="sign-in-email" label="Email" error={errors.email}>
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
            autoFocus
          />
        )}
      </Field>
      <Field id="sign-in-password" label="Password" error={errors.password}>
        {({ invalid, ...control }) => (
          <Input {...control} invalid={invalid} name="password" type="password" autoComplete="current-password" required />
        )}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
