/** An error answer of the Keysmith API: `{ error: { code, message, field? } }` with its status. */
export class KeysmithError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "KeysmithError";
  }

  static async from(response: Response): Promise<KeysmithError> {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null;
    const error = body?.error;
    return new KeysmithError(
      response.status,
      error?.code ?? "HTTP_ERROR",
      error?.message ?? `Keysmith answered HTTP ${response.status}.`,
      error?.field,
    );
  }
}
