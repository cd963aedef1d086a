import { createHmac, hash, timingSafeEqual } from "node:crypto";
import { getPepper } from "./pepper";

// A short peppered tag of a key's secret, stored beside its Argon2id hash: verification compares
// it (constant time, microseconds) before paying Argon2, so a wrong secret or a made-up key is
// refused as cheaply as a malformed one. Why this is safe for 256-bit random secrets (ASVS 5.0
// 6.5.2) is in docs/verification-security.md.
// The tag key is derived from the pepper under its own label, so the tag is never a piece of the
// HMAC that Argon2 hashes (lib/keys/hash.ts): knowing tags tells nothing about Argon2's input.

const TAG_LABEL = "keysmith secret tag v1";
const TAG_BYTES = 8;

// HMAC-SHA256 (RFC 2104) computed as two one-shot hashes over the key's padded blocks, made once:
// the same bytes as createHmac, without an Hmac object per call (~5 µs of every failed verification).
const BLOCK_BYTES = 64;

let derived: { pepper: string; innerPad: Buffer; outerPad: Buffer } | undefined;

function pads(): { innerPad: Buffer; outerPad: Buffer } {
  const pepper = getPepper();
  if (derived?.pepper !== pepper) {
    const key = createHmac("sha256", pepper).update(TAG_LABEL).digest(); // 32 bytes: shorter than a block, used as is
    const innerPad = Buffer.alloc(BLOCK_BYTES, 0x36);
    const outerPad = Buffer.alloc(BLOCK_BYTES, 0x5c);
    for (let i = 0; i < key.length; i++) {
      innerPad[i]! ^= key[i]!;
      outerPad[i]! ^= key[i]!;
    }
    derived = { pepper, innerPad, outerPad };
  }
  return derived;
}

function tagBytes(secret: string): Buffer {
  const { innerPad, outerPad } = pads();
  const inner = hash("sha256", Buffer.concat([innerPad, Buffer.from(secret, "utf8")]), "buffer");
  return hash("sha256", Buffer.concat([outerPad, inner]), "buffer").subarray(0, TAG_BYTES);
}

/** The 64-bit tag of a secret as 16 hex characters, as stored in ApiKey.secretTag. */
export function secretTag(secret: string): string {
  return tagBytes(secret).toString("hex");
}

/** A stored tag as bytes, or null when there is none (a key hashed before tags existed) or it is not one. */
export function storedTagBytes(tag: string | null): Buffer | null {
  if (tag === null || tag.length !== TAG_BYTES * 2) return null;
  const bytes = Buffer.from(tag, "hex");
  return bytes.length === TAG_BYTES ? bytes : null;
}

/**
 * Whether `secret` has the tag `expected` (constant time). Callers without a stored tag compare
 * against a tag no secret is expected to have, so every path does the same work.
 */
export function tagMatches(expected: Buffer, secret: string): boolean {
  return timingSafeEqual(tagBytes(secret), expected);
}
