import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import { CLIENT_ADDRESS_HEADER, normaliseIp } from "./client-ip";
import { config } from "@/lib/config";

// The one rule for "who is calling": the socket's address, unless the socket is a configured
// trusted proxy (KEYSMITH_TRUSTED_PROXIES, CIDRs or proxy-addr's names such as "loopback"), in
// which case the right-most X-Forwarded-For entry that is not itself a trusted proxy. With
// nothing configured, X-Forwarded-For is ignored: a header a caller can write never decides.

export type TrustFunction = (address: string, index: number) => boolean;

/** No proxy is trusted (nothing configured): the socket's address is the client's. */
const TRUST_NONE: TrustFunction = () => false;

/** Compiles a comma-separated list of trusted proxies; throws naming the bad entry. */
export function trustedProxies(list: string | undefined = config().KEYSMITH_TRUSTED_PROXIES): TrustFunction {
  const entries = (list ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return TRUST_NONE;
  try {
    return proxyAddr.compile(entries);
  } catch (error) {
    throw new Error(
      `KEYSMITH_TRUSTED_PROXIES: ${(error as Error).message}. Use CIDRs (10.0.0.0/8), addresses, or loopback / linklocal / uniquelocal.`,
    );
  }
}

/** The client's address for a request that reached one of Keysmith's servers. */
export function clientAddressOf(request: IncomingMessage, trust: TrustFunction): string | null {
  const socketAddress = request.socket.remoteAddress;
  if (!socketAddress) return null;
  // Without trusted proxies X-Forwarded-For is not even parsed.
  return normaliseIp(trust === TRUST_NONE ? socketAddress : proxyAddr(request, trust));
}

/** Writes the client's address into the request for the Next.js handlers, replacing any the caller sent; returns it. */
export function stampClientAddress(request: IncomingMessage, trust: TrustFunction): string | null {
  const address = clientAddressOf(request, trust);
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete request.headers[CLIENT_ADDRESS_HEADER];
  return address;
}
