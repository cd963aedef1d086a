import type { KeyStatusView } from "./view";

interface StatusFields {
  status: "active" | "revoked";
  expiresAt: Date | string | null;
}

/** One rule for server and client: revoked wins, then expiry by the clock. */
export function keyStatus(key: StatusFields, now: Date = new Date()): KeyStatusView {
  if (key.status === "revoked") return "revoked";
  if (key.expiresAt !== null && new Date(key.expiresAt).getTime() <= now.getTime()) return "expired";
  return "active";
}
