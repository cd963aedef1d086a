import { CHECKSUM_LENGTH, checksumOf, DISPLAY_PREFIX_LENGTH, KEY_ID_LENGTH, maskedKey, parseRawKey, SECRET_LENGTH } from "./format";

// An offline check of a candidate key, for secret scanners and people: is it shaped like a
// Keysmith key, and does its CRC32 checksum match? No database, no network — a match means
// "this is very likely a real key", not that it is valid now (ask the verify endpoint for that).

const SHAPE = new RegExp(`^ks_(live|test)_(sk|pk)_[0-9A-Za-z]{${KEY_ID_LENGTH}}_[0-9A-Za-z]{${SECRET_LENGTH + CHECKSUM_LENGTH}}$`);
export const KEY_LENGTH = 11 + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;

export type KeyCheck =
  { ok: true; masked: string; environment: "live" | "test"; type: "sk" | "pk"; keyId: string } | { ok: false; reason: string };

export function checkKeyFormat(candidate: string): KeyCheck {
  const raw = candidate.trim();
  if (!raw.startsWith("ks_")) return { ok: false, reason: 'does not start with "ks_"' };
  if (raw.length !== KEY_LENGTH) return { ok: false, reason: `is ${raw.length} characters long, not ${KEY_LENGTH}` };
  if (!SHAPE.test(raw)) return { ok: false, reason: "is not shaped ks_<live|test>_<sk|pk>_<12 characters>_<49 characters> in [A-Za-z0-9]" };
  const parsed = parseRawKey(raw);
  if (!parsed) {
    const expected = checksumOf(raw.slice(0, raw.length - CHECKSUM_LENGTH));
    return { ok: false, reason: `has checksum ${raw.slice(-CHECKSUM_LENGTH)}, but its contents give ${expected} (mistyped or truncated)` };
  }
  return {
    ok: true,
    masked: maskedKey(raw.slice(0, DISPLAY_PREFIX_LENGTH)),
    environment: parsed.environment,
    type: parsed.type,
    keyId: parsed.keyId,
  };
}
