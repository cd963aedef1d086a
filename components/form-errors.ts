import { ApiRequestError, errorMessage } from "@/components/api-request";

/** Errors of a form: one per field, plus `form` for anything not about a single field. */
export type FormErrors<Field extends string> = Partial<Record<Field | "form", string>>;

/** Puts an API error next to the field it names, or at the top of the form. */
export function toFormErrors<Field extends string>(error: unknown, fields: readonly Field[]): FormErrors<Field> {
  if (error instanceof ApiRequestError && error.field) {
    // "scopes.2" (the third scope) belongs to the "scopes" field.
    const field = fields.find((name) => name === error.field || error.field!.startsWith(`${name}.`));
    if (field) return { [field]: error.message } as FormErrors<Field>;
  }
  return { form: errorMessage(error) } as FormErrors<Field>;
}

export function hasErrors(errors: FormErrors<string>): boolean {
  return Object.values(errors).some(Boolean);
}

/** Moves focus to the first field with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(form: HTMLFormElement, errors: FormErrors<string>, order: readonly string[]): void {
  const first = order.find((name) => errors[name]);
  if (!first) return;
  const control = form.elements.namedItem(first);
  if (control instanceof HTMLElement) control.focus();
}
