import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/keys/pepper";
import { config } from "@/lib/config";

// KEYSMITH_ENCRYPTION_KEY seals credentials of other services (upstream registry API keys).
// Production must supply it; elsewhere one is generated once into .data/, like the pepper.
//
//   KEYSMITH_ENCRYPTION_KEY=<base64 of 32 bytes>          version 1
//   KEYSMITH_ENCRYPTION_KEY=3:<base64 of 32 bytes>        version 3 (after rotations)
//   KEYSMITH_ENCRYPTION_PREVIOUS_KEYS=1:<base64>,2:<base64>   still readable, never used to seal
//
// Each ciphertext stores the version of the key that sealed it, so a new key can be rolled
// out while old rows stay readable.

export const KEY_BYTES = 32;

export interface Keyring {
  current: { version: number; key: Buffer };
  byVersion: ReadonlyMap<number, Buffer>;
}

let cached: Keyring | undefined;

function parseKey(entry: string, variable: string, defaultVersion?: number): { version: number; key: Buffer } {
  const trimmed = entry.trim();
  const match = /^(\d{1,6}):(.*)$/.exec(trimmed);
  const version = match ? Number(match[1]) : defaultVersion;
  const encoded = match ? match[2]! : trimmed;
  if (version === undefined || !Number.isInteger(version) || version < 1) {
    throw new Error(`${variable}: each key must be written as <version>:<base64 key>, with a version of 1 or more.`);
  }
  // Accepts standard and URL-safe base64; Buffer.from ignores junk, so check the round trip.
  const key = Buffer.from(encoded, "base64");
  const canonical = (text: string) => text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (key.length !== KEY_BYTES || canonical(key.toString("base64")) !== canonical(encoded)) {
    throw new Error(`${variable} must be ${KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`).`);
  }
  return { version, key };
}

function readOrCreateDevKey(): string {
  const file = path.join(dataDir(), "encryption-key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir(), { recursive: true });
    const key = randomBytes(KEY_BYTES).toString("base64");
    // "wx" fails if another process wrote it first; then read theirs.
    try {
      writeFileSync(file, key + "\n", { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}

/** Builds a keyring from the environment's values (exported for tests). */
export function keyringFrom(currentValue: string, previousValue = ""): Keyring {
  const current = parseKey(currentValue, "KEYSMITH_ENCRYPTION_KEY", 1);
  const byVersion = new Map<number, Buffer>();
  for (const entry of previousValue.split(",").filter((part) => part.trim() !== "")) {
    const previous = parseKey(entry, "KEYSMITH_ENCRYPTION_PREVIOUS_KEYS");
    byVersion.set(previous.version, previous.key);
  }
  if (byVersion.has(current.version)) {
    throw new Error(`KEYSMITH_ENCRYPTION_PREVIOUS_KEYS repeats version ${current.version}, the current key's version.`);
  }
  byVersion.set(current.version, current.key);
  return { current, byVersion };
}

export function getKeyring(): Keyring {
  if (cached) return cached;
  const settings = config();
  let value = settings.KEYSMITH_ENCRYPTION_KEY;
  if (!value) {
    if (settings.NODE_ENV === "production") {
      throw new Error(
        "KEYSMITH_ENCRYPTION_KEY is required when NODE_ENV=production (32 random bytes in base64, e.g. `openssl rand -base64 32`).",
      );
    }
    value = readOrCreateDevKey();
  }
  cached = keyringFrom(value, settings.KEYSMITH_ENCRYPTION_PREVIOUS_KEYS);
  return cached;
}
