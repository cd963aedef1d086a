// Plain module: which actions a key offers, from its status. The table, the detail page and the
// server's rules (lib/keys/edit.ts) read this one answer.
import type { KeyStatusView } from "./status";

export interface KeyActions {
  /** "disable" for a key that works (active or expiring), "enable" for a disabled one, null otherwise. */
  toggle: "disable" | "enable" | null;
  edit: boolean;
  rotate: boolean;
  revoke: boolean;
}

const NONE: KeyActions = { toggle: null, edit: false, rotate: false, revoke: false };

export function keyActions(key: { status: KeyStatusView; replacedById: string | null }): KeyActions {
  if (key.status === "revoked") return NONE;
  const rotated = key.replacedById !== null;
  if (key.status === "expired") return { ...NONE, edit: !rotated };
  if (key.status === "disabled") return { toggle: "enable", edit: !rotated, rotate: false, revoke: !rotated };
  return { toggle: "disable", edit: !rotated, rotate: !rotated, revoke: !rotated };
}
