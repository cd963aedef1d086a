// The dashboard's JSON API as an owner with a local-mode session cookie.

export async function signUpOwner(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "load-owner@example.test", password: "load-test-password-123", name: "Load owner" }),
  });
  if (response.status !== 201) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("ks_session="));
  if (!cookie) throw new Error("sign-up set no ks_session cookie");
  return cookie.split(";")[0]!;
}

export async function createKeyOverHttp(
  baseUrl: string,
  cookie: string,
  name: string,
): Promise<{ status: number; id?: string; rawKey?: string }> {
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name, rateLimitPerMinute: 1_000_000 }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json().catch(() => null)) as { key?: { id?: string }; rawKey?: string } | null;
  return { status: response.status, id: body?.key?.id, rawKey: body?.rawKey };
}

export async function revokeKeyOverHttp(baseUrl: string, cookie: string, id: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/tokens/${id}`, {
    method: "DELETE",
    headers: { cookie },
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}
