import { FetchRefused, guardedFetch } from "@/lib/net/guarded-fetch";
import type { DiscoveryFetchOptions } from "./discovery";
import type { DiscoverySummary } from "./view";

// "Test connection": one authenticated request that tells whether a registry accepts a key. The
// endpoint is the one the registry's discovery document names (a flat `whoami`, else a GET token
// list), else npm's `GET /-/whoami`. Through the SSRF-guarded client; the key goes in the
// Authorization header only (never in a URL), and is dropped if a redirect leaves the origin.

export interface ConnectionCheck {
  ok: boolean;
  /** The URL asked (no credentials in it). */
  endpoint: string;
  /** The HTTP status, or null when no answer came (refused, timeout, network). */
  status: number | null;
  /** The account the registry says the key belongs to, when it says (npm's `username`). */
  user: string | null;
  message: string;
}

export const CHECK_TIMEOUT_MS = 5_000;

export function checkEndpoint(registryUrl: string, discovery: DiscoverySummary | null): string {
  const base = registryUrl.replace(/\/+$/, "");
  const named =
    discovery?.endpoints?.whoami ?? (discovery?.tokenEndpoints.list?.method === "GET" ? discovery.tokenEndpoints.list.path : null);
  if (named) return named.startsWith("/") ? new URL(named, new URL(base).origin).href : named;
  return `${base}/-/whoami`;
}

function userOf(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { username?: unknown };
    return typeof parsed.username === "string" ? parsed.username.slice(0, 100) : null;
  } catch {
    return null;
  }
}

export async function checkRegistryKey(
  registryUrl: string,
  discovery: DiscoverySummary | null,
  apiKey: string,
  options: { allowPrivate: boolean; fetch?: DiscoveryFetchOptions },
): Promise<ConnectionCheck> {
  const endpoint = checkEndpoint(registryUrl, discovery);
  const host = new URL(endpoint).host;
  try {
    const response = await guardedFetch(endpoint, {
      timeoutMs: CHECK_TIMEOUT_MS,
      ...options.fetch,
      allowPrivate: options.allowPrivate,
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    if (response.status >= 200 && response.status <= 299) {
      const user = userOf(response.body);
      return {
        ok: true,
        endpoint,
        status: response.status,
        user,
        message: `${host} accepted the key${user ? ` (signed in as ${user})` : ""}.`,
      };
    }
    const why =
      response.status === 401 || response.status === 403
        ? "refused the key"
        : response.status === 404
          ? "has no such endpoint (check the URL, or save the key anyway)"
          : "answered with an error";
    return { ok: false, endpoint, status: response.status, user: null, message: `${host} ${why} (HTTP ${response.status}).` };
  } catch (error) {
    if (error instanceof FetchRefused) return { ok: false, endpoint, status: null, user: null, message: error.message };
    throw error;
  }
}
