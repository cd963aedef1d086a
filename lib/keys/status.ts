import type { KeyStatusView } from "./view";

interface StatusFields {
  status: "active" | "revoked";
  disabledAt: Date | string | null;
  expiresAt: Date | string | null;
}

/** One rule for server, client and verification: revoked wins, then disabled, then expiry by the clock. */
export function keyStatus(key: StatusFields, now: Date = new Date()): KeyStatusView {
  if (key.status === "revoked") return "revoked";
  if (key.disabledAt !== null) return "disabled";
  if (key.expiresAt !== null && new Date(key.expiresAt).getTime() <= now.getTime()) return "expired";
  return "active";
}
