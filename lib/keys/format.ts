import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { BASE62_PATTERN, bytesToBase62, encodeBase62 } from "./base62";

// A Keysmith key reads:  ks_<environment>_<type>_<keyId>_<secret><checksum>
//   ks_live_sk_7GbX2kQp9LmN_3vZ...(43 chars)...Qf01a9
// - "ks_" makes leaked keys easy to find for secret scanners,
// - environment is "live" or "test",
// - type is "sk" (secret, servers only) or "pk" (publishable, read/execute scopes, browser-safe),
// - keyId (12 base62 chars, ~71 bits) is public and indexed, so a lookup costs one row,
// - secret is 32 random bytes (256 bits) as 43 base62 chars,
// - checksum is the CRC32 of everything before it as 6 base62 chars, so a mistyped or
//   truncated key is refused without touching the database.

export const KEY_PREFIX = "ks";
export const KEY_ENVIRONMENTS = ["live", "test"] as const;
export type KeyEnvironment = (typeof KEY_ENVIRONMENTS)[number];
export const KEY_TYPES = ["sk", "pk"] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const KEY_ID_LENGTH = 12;
export const SECRET_BYTES = 32;
export const SECRET_LENGTH = 43;
export const CHECKSUM_LENGTH = 6;
/** How many leading characters of a key the dashboard shows: "ks_live_sk_" and 4 keyId characters. */
export const DISPLAY_PREFIX_LENGTH = 15;

const KEY_PATTERN = new RegExp(
  `^${KEY_PREFIX}_(${KEY_ENVIRONMENTS.join("|")})_(${KEY_TYPES.join("|")})_([0-9A-Za-z]{${KEY_ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH + CHECKSUM_LENGTH}})$`,
);
/** Longest input worth parsing; anything longer is malformed without running the pattern. */
const MAX_KEY_LENGTH = 128;

export interface ParsedKey {
  environment: KeyEnvironment;
  type: KeyType;
  keyId: string;
  secret: string;
}

export interface GeneratedKey extends ParsedKey {
  raw: string;
  displayPrefix: string;
}

export function checksumOf(body: string): string {
  return encodeBase62(BigInt(crc32(body)), CHECKSUM_LENGTH);
}

function randomKeyId(): string {
  // 9 random bytes give 72 bits; keep the first 12 base62 digits (~71 bits).
  return bytesToBase62(randomBytes(9)).slice(-KEY_ID_LENGTH);
}

export function generateKey(environment: KeyEnvironment = "live", type: KeyType = "sk"): GeneratedKey {
  const keyId = randomKeyId();
  const secret = bytesToBase62(randomBytes(SECRET_BYTES));
  const body = `${KEY_PREFIX}_${environment}_${type}_${keyId}_${secret}`;
  const raw = body + checksumOf(body);
  return { environment, type, keyId, secret, raw, displayPrefix: raw.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/** What the dashboard shows instead of a key: its non-secret start and a mask, e.g. "ks_live_sk_AbCd****". */
export function maskedKey(displayPrefix: string): string {
  return `${displayPrefix}****`;
}

/** Parses a raw key; returns null for anything malformed, including a wrong checksum. No I/O. */
export function parseRawKey(raw: unknown): ParsedKey | null {
  if (typeof raw !== "string" || raw.length > MAX_KEY_LENGTH) return null;
  const match = KEY_PATTERN.exec(raw);
  if (!match) return null;
  const [, environment, type, keyId, tail] = match as unknown as [string, KeyEnvironment, KeyType, string, string];
  const secret = tail.slice(0, SECRET_LENGTH);
  const checksum = tail.slice(SECRET_LENGTH);
  if (!BASE62_PATTERN.test(secret) || checksumOf(raw.slice(0, raw.length - CHECKSUM_LENGTH)) !== checksum) {
    return null;
  }
  return { environment, type, keyId, secret };
}
