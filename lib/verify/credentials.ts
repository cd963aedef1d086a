// Where a caller may put its API key: `Authorization: Bearer <key>`, `Authorization: ApiKey <key>`
// or `X-API-Key: <key>`.

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name] ?? headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

const AUTHORIZATION = /^(?:Bearer|ApiKey)\s+(\S+)\s*$/i;

/** The key the request carries, or null. */
export function apiKeyFromHeaders(headers: HeaderSource): string | null {
  const authorization = headerValue(headers, "authorization");
  const match = authorization ? AUTHORIZATION.exec(authorization) : null;
  if (match) return match[1]!;
  const header = headerValue(headers, "x-api-key")?.trim();
  return header ? header : null;
}

/**
 * A Keysmith key rather than some other bearer token (a Clerk session JWT uses the same header).
 * Only the prefix is looked at: the checksum is verification's job.
 */
export function keysmithKeyFromHeaders(headers: HeaderSource): string | null {
  const key = apiKeyFromHeaders(headers);
  return key?.startsWith("ks_") ? key : null;
}
