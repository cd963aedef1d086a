import { ApiRequestError } from "@/components/api-request";
import { toFormErrors, type FormErrors } from "@/components/auth/form-errors";

/**
 * Like toFormErrors, but "scopes.1" (the API's field for the second scope) lands on the
 * "scopes" input.
 */
export function registryFormErrors<Field extends string>(error: unknown, fields: readonly Field[]): FormErrors<Field> {
  if (error instanceof ApiRequestError && error.field?.includes(".")) {
    const field = error.field.split(".")[0]!;
    return toFormErrors(new ApiRequestError(error.message, error.status, error.code, field), fields);
  }
  return toFormErrors(error, fields);
}
