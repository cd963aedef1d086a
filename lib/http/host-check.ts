// DNS rebinding: a page on another site can make a browser send requests to a name that resolves
// to Keysmith's address, with that other name in Host. Keysmith's server answers only requests
// whose Host is the configured public origin (KEYSMITH_PUBLIC_URL) or a loopback name (health
// checks and local use on the same machine), plus the host it was told to listen on.
//
// Bound to a wildcard address (0.0.0.0, ::) without KEYSMITH_PUBLIC_URL, Keysmith cannot know
// its own name: it then accepts any Host and says so at start (set KEYSMITH_PUBLIC_URL).

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
import { config } from "@/lib/config";
const WILDCARDS = new Set(["0.0.0.0", "::", "[::]", ""]);

/** The host name without its port ("keys.example.com:443" → "keys.example.com", "[::1]:3000" → "[::1]"). */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);
  return trimmed.split(":")[0]!;
}

export interface HostPolicy {
  /** Null: any Host is accepted (wildcard bind without a public URL). */
  allowed: ReadonlySet<string> | null;
}

export function hostPolicy(listenHost: string, publicUrl: string | undefined = config().KEYSMITH_PUBLIC_URL): HostPolicy {
  const listen = hostName(listenHost);
  if (!publicUrl && WILDCARDS.has(listen)) return { allowed: null };
  const allowed = new Set(LOOPBACK_NAMES);
  if (!WILDCARDS.has(listen)) allowed.add(listen);
  if (publicUrl) allowed.add(hostName(new URL(publicUrl).host));
  return { allowed };
}

export function hostAllowed(policy: HostPolicy, host: string | undefined): boolean {
  if (policy.allowed === null) return true;
  return host !== undefined && policy.allowed.has(hostName(host));
}
