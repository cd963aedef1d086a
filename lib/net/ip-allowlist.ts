import ipaddr from "ipaddr.js";

// Per-key IP allowlists: CIDR ranges or single addresses, IPv4 and IPv6. IPv4-mapped IPv6
// addresses (::ffff:1.2.3.4, what a dual-stack socket reports) are compared as IPv4.

export const ALLOWLIST_MAX = 50;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function normalise(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/** Parses "10.0.0.0/8", "2001:db8::/32" or a single address; null when it is neither. */
export function parseRange(entry: string): Range | null {
  const text = entry.trim();
  try {
    if (text.includes("/")) {
      const [address, bits] = ipaddr.parseCIDR(text);
      return [address, bits];
    }
    if (!ipaddr.isValid(text)) return null;
    const address = normalise(ipaddr.parse(text));
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch {
    return null;
  }
}

/** The canonical text of a range (e.g. "10.0.0.0/8"), or null for invalid input. */
export function canonicalRange(entry: string): string | null {
  const range = parseRange(entry);
  return range ? `${range[0].toString()}/${range[1]}` : null;
}

export function isValidIp(value: string): boolean {
  return ipaddr.isValid(value);
}

/** Whether `ip` lies in one of the ranges. An empty list allows every address; no address is refused. */
export function ipAllowed(ranges: readonly string[], ip: string | null): boolean {
  if (ranges.length === 0) return true;
  if (ip === null || !ipaddr.isValid(ip)) return false;
  const address = normalise(ipaddr.parse(ip));
  return ranges.some((entry) => {
    const range = parseRange(entry);
    return range !== null && range[0].kind() === address.kind() && address.match(range);
  });
}
