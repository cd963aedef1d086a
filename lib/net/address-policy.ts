import ipaddr from "ipaddr.js";

// Which addresses the server may connect to on a user's behalf (registry discovery).
// Three classes:
//   public  — ordinary unicast: allowed.
//   private — loopback, RFC 1918, carrier-grade NAT, IPv6 unique-local: allowed only when
//             the organisation opted in (a self-hosted registry on the same network).
//   blocked — never: unspecified, broadcast, multicast, link-local (where cloud metadata
//             services live), documentation/benchmark/reserved ranges, translation
//             prefixes that embed an IPv4 address (NAT64, 6to4, Teredo), and the known
//             cloud metadata addresses that sit outside link-local.

export type AddressClass = "public" | "private" | "blocked";

export interface AddressVerdict {
  address: string;
  class: AddressClass;
  /** Why, in words a user understands, e.g. "a link-local address (cloud metadata services live there)". */
  reason: string;
}

// Cloud metadata and platform endpoints that are not link-local.
const METADATA_ADDRESSES = new Map<string, string>([
  ["fd00:ec2::254", "the AWS instance metadata service (IPv6)"],
  ["fd00:ec2::23", "the AWS DNS resolver (IPv6)"],
  ["100.100.100.200", "the Alibaba Cloud metadata service"],
  ["168.63.129.16", "the Azure platform endpoint (WireServer)"],
  ["192.0.0.192", "the Oracle Cloud metadata service"],
]);

const IPV4_REASONS: Record<string, [AddressClass, string]> = {
  unicast: ["public", "a public address"],
  unspecified: ["blocked", "the unspecified address (0.0.0.0/8)"],
  broadcast: ["blocked", "the broadcast address"],
  multicast: ["blocked", "a multicast address"],
  linkLocal: ["blocked", "a link-local address (169.254.0.0/16, where cloud metadata services live)"],
  loopback: ["private", "a loopback address"],
  carrierGradeNat: ["private", "a carrier-grade NAT address (100.64.0.0/10)"],
  private: ["private", "a private network address (RFC 1918)"],
  reserved: ["blocked", "a reserved or documentation address"],
  benchmarking: ["blocked", "a benchmarking address"],
  as112: ["blocked", "an AS112 address"],
  amt: ["blocked", "an AMT relay address"],
};

const IPV6_REASONS: Record<string, [AddressClass, string]> = {
  unicast: ["public", "a public address"],
  unspecified: ["blocked", "the unspecified address (::)"],
  linkLocal: ["blocked", "a link-local address (fe80::/10)"],
  multicast: ["blocked", "a multicast address"],
  loopback: ["private", "a loopback address"],
  uniqueLocal: ["private", "a unique-local address (fc00::/7)"],
  deprecatedSiteLocal: ["blocked", "a site-local address (fec0::/10)"],
  discard: ["blocked", "a discard-only address"],
  rfc6145: ["blocked", "an IPv4-translated address"],
  rfc6052: ["blocked", "a NAT64 address (it embeds an IPv4 address)"],
  "6to4": ["blocked", "a 6to4 address (it embeds an IPv4 address)"],
  teredo: ["blocked", "a Teredo address (it embeds an IPv4 address)"],
  benchmarking: ["blocked", "a benchmarking address"],
  amt: ["blocked", "an AMT relay address"],
  as112v6: ["blocked", "an AS112 address"],
  deprecatedOrchid: ["blocked", "an ORCHID address"],
  orchid2: ["blocked", "an ORCHID address"],
  droneRemoteIdProtocolEntityTags: ["blocked", "a reserved address"],
  segmentRouting: ["blocked", "a segment-routing address"],
  reserved: ["blocked", "a reserved or documentation address"],
};

/**
 * The IPv4 address an IPv4-compatible IPv6 address (::/96, deprecated) stands for, in any
 * notation — "::127.0.0.1" and "::7f00:1" alike — so it is judged as that IPv4 address.
 * :: and ::1 are IPv6's own unspecified and loopback addresses.
 */
function ipv4Compatible(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | null {
  if (address.kind() !== "ipv6") return null;
  const parts = (address as ipaddr.IPv6).parts;
  if (parts.slice(0, 6).some((part) => part !== 0) || (parts[6] === 0 && parts[7]! <= 1)) return null;
  return new ipaddr.IPv4([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff]);
}

/** Classifies an IP address literal (IPv4, IPv6, or IPv4 inside IPv6). Anything unparsable is blocked. */
export function classifyAddress(address: string): AddressVerdict {
  // Zone ids ("fe80::1%eth0") only occur on link-local addresses, which are blocked anyway.
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return { address, class: "blocked", reason: "not an IP address" };
  // process() turns ::ffff:a.b.c.d into the IPv4 address it stands for; ipv4Compatible() does
  // the same for ::a.b.c.d in every notation.
  const processed = ipaddr.process(bare);
  const parsed = ipv4Compatible(processed) ?? processed;
  const normalised = parsed.kind() === "ipv6" ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
  const metadata = METADATA_ADDRESSES.get(normalised);
  if (metadata) return { address: normalised, class: "blocked", reason: metadata };
  const range = parsed.range();
  const table = parsed.kind() === "ipv4" ? IPV4_REASONS : IPV6_REASONS;
  const [klass, reason] = table[range] ?? ["blocked", `an address of a special-purpose range (${range})`];
  return { address: normalised, class: klass, reason };
}

/** Whether a connection to the address is allowed under the organisation's setting. */
export function isAllowed(verdict: AddressVerdict, allowPrivate: boolean): boolean {
  return verdict.class === "public" || (verdict.class === "private" && allowPrivate);
}
