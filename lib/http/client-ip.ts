import ipaddr from "ipaddr.js";

/**
 * The client address as X-Forwarded-For reports it: Next.js fills the header from the socket
 * when it is absent, and a reverse proxy sets it. Without a proxy a client can forge it, so
 * it is a hint (audit trail, failed-attempt limits), not proof.
 */
export function clientIp(headers: Headers): string | null {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? headers.get("x-real-ip")?.trim();
  return normaliseIp(first);
}

export function normaliseIp(value: string | null | undefined): string | null {
  if (!value) return null;
  const bare = value.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(bare) ? ipaddr.process(bare).toString() : null;
}
