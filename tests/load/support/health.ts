/** GET /api/health's body, or null when the server does not answer. */
export async function healthOf(baseUrl: string): Promise<{ status: string; degraded?: string[]; clockSkewMs?: number } | null> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return (await response.json()) as { status: string; degraded?: string[]; clockSkewMs?: number };
  } catch {
    return null;
  }
}

/** Polls `condition` every 50 ms until it holds (true) or `timeoutMs` passes (false). */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
