"use client";

import { useState, type FormEvent } from "react";
import { focusFirstError, hasErrors, toFormErrors, type FormErrors } from "@/components/form-errors";

/**
 * One submit path for a dialog's form: check the fields in the browser, send, and put the API's
 * error next to the field it names (focusing the first). `validate` answers the body or errors.
 */
export function useFormSubmit<Field extends string, Body, Result>(options: {
  fields: readonly Field[];
  validate: (data: FormData) => { body: Body; errors: FormErrors<Field> };
  send: (body: Body) => Promise<Result>;
  onSuccess: (result: Result) => void;
}) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const { body, errors: found } = options.validate(new FormData(form));
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(form, found, options.fields);
      return;
    }
    setPending(true);
    try {
      const result = await options.send(body);
      setPending(false);
      options.onSuccess(result);
    } catch (error) {
      const next = toFormErrors(error, options.fields);
      setErrors(next);
      setPending(false);
      focusFirstError(form, next, options.fields);
    }
  }

  /** Forgets the shown errors (a dialog that closes starts clean next time). */
  const clearErrors = () => setErrors({});

  return { onSubmit, pending, errors, clearErrors };
}
