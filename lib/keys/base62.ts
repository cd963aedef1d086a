const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE = BigInt(ALPHABET.length);

export const BASE62_PATTERN = /^[0-9A-Za-z]+$/;

/** Encodes a non-negative integer as base62, left-padded with "0" to `width` characters. */
export function encodeBase62(value: bigint, width: number): string {
  let out = "";
  let rest = value;
  while (rest > 0n) {
    out = ALPHABET[Number(rest % BASE)] + out;
    rest /= BASE;
  }
  if (out.length > width) throw new RangeError(`value needs ${out.length} base62 digits, more than ${width}`);
  return out.padStart(width, "0");
}

/** Fixed-width base62 text of `bytes`: the width depends only on the byte count, so keys have one length. */
export function bytesToBase62(bytes: Uint8Array): string {
  const width = Math.ceil((bytes.length * 8) / Math.log2(62));
  const value = bytes.length === 0 ? 0n : BigInt("0x" + Buffer.from(bytes).toString("hex"));
  return encodeBase62(value, width);
}
