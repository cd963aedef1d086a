"use client";

import { useState, type FormEvent } from "react";
import { focusFirstError, hasErrors, toFormErrors, type FormErrors } from "@/components/form-errors";

/**
 * One submit path for a dialog's form: check the fields in the browser, send, and put the API's
 * error next to the field it names (focusing the first). `validate` answers the body or errors.
 * `send`'s result goes to `onSuccess`, so a step can keep what it answered (e.g. a preview).
 */
export function useFormSubmit<Field extends string, Body, Result>(options: {
  fields: readonly Field[];
  validate: (data: FormData) => { body: Body; errors: FormErrors<Field> };
  send: (body: Body) => Promise<Result>;
  onSuccess: (result: Result) => void;
  /** The errors to show for a failed send; by default the field the API named, else the form's. */
  toErrors?: (error: unknown) => FormErrors<Field>;
}) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>({});

  async function run(body: Body, form: HTMLFormElement | null) {
    setPending(true);
    try {
      const result = await options.send(body);
      setPending(false);
      options.onSuccess(result);
    } catch (error) {
      const next = options.toErrors ? options.toErrors(error) : toFormErrors(error, options.fields);
      setErrors(next);
      setPending(false);
      if (form) focusFirstError(form, next, options.fields);
    }
  }

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
    await run(body, form);
  }

  /**
   * Sends `body` as it is, without the form's check: a dialog's second action (e.g. "Remove key").
   * Its errors show like a submit's; focus stays where it is.
   */
  function submit(body: Body) {
    if (pending) return;
    void run(body, null);
  }

  /** Forgets the shown errors (a dialog that closes starts clean next time). */
  const clearErrors = () => setErrors({});

  return { onSubmit, submit, pending, errors, clearErrors };
}
