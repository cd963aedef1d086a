import ipaddr from "ipaddr.js";

/** Set by Keysmith's own servers on every request (any incoming value is overwritten). */
export const CLIENT_ADDRESS_HEADER = "x-keysmith-client-address";

const registry = globalThis as typeof globalThis & { keysmithStampsClientAddress?: boolean };

/** Called by Keysmith's server (lib/server) in the process that serves Next.js's handlers. */
export function markClientAddressStamped(): void {
  registry.keysmithStampsClientAddress = true;
}

/**
 * The caller's address in a route handler: what Keysmith's own server stamped on the request from
 * the socket and KEYSMITH_TRUSTED_PROXIES (lib/http/client-address.ts). X-Forwarded-For is never
 * read here, and the stamp is believed only in a process that Keysmith's server runs — under a
 * bare `next start` a caller could write it, so the address is then unknown (null).
 */
export function clientIp(headers: Headers): string | null {
  if (!registry.keysmithStampsClientAddress) return null;
  return normaliseIp(headers.get(CLIENT_ADDRESS_HEADER));
}

/** Addresses already normalised: parsing one costs µs, and a server sees the same few again and again. */
const normalised = new Map<string, string | null>();
const NORMALISED_MAX = 10_000;

/** The address in its canonical form (IPv4-mapped IPv6 as IPv4, brackets off), or null when it is none. */
export function normaliseIp(value: string | null | undefined): string | null {
  if (!value) return null;
  const known = normalised.get(value);
  if (known !== undefined) return known;
  const bare = value.replace(/^\[|\]$/g, "");
  const address = ipaddr.isValid(bare) ? ipaddr.process(bare).toString() : null;
  // Bounded in entries and in size (an address is at most ~50 characters; X-Forwarded-For from a
  // trusted proxy can carry anything a client wrote), whatever callers send.
  if (value.length > 64) return address;
  if (normalised.size >= NORMALISED_MAX) normalised.clear();
  normalised.set(value, address);
  return address;
}
