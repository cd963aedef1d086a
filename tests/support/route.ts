import { NextRequest } from "next/server";

// Calls a real route handler (the function `next start` serves) with a NextRequest.

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export function callRoute(
  handler: Handler,
  init: { method?: string; path: string; key?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> },
) {
  const headers: Record<string, string> = { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...init.headers };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(`http://localhost${init.path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(init.params ?? {}) });
}

/** The field a validation error names (throws if `run` does not fail). */
export function failedField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { field?: string }).field;
  }
  throw new Error("expected a validation error");
}
