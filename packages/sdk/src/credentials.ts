/** The API key a request carries: `Authorization: Bearer <key>`, `Authorization: ApiKey <key>` or `X-API-Key: <key>`. */
export function apiKeyFrom(header: (name: string) => string | null | undefined): string | null {
  const apiKey = header("x-api-key")?.trim();
  if (apiKey) return apiKey;
  const authorization = header("authorization")?.trim();
  const match = authorization ? /^(?:bearer|apikey)\s+(\S+)$/i.exec(authorization) : null;
  return match?.[1] ?? null;
}
