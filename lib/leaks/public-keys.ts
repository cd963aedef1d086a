import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { config } from "@/lib/config";

// The public keys a secret scanner signs its leak reports with, configured (never fetched):
// KEYSMITH_SECRET_SCANNING_KEYS holds GitHub's document from
// https://api.github.com/meta/public_keys/secret_scanning — as JSON, or "@/path/to/file.json".
// Keysmith never fetches it itself: an operator refreshes it when GitHub rotates its keys.

const documentSchema = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string().min(1), key: z.string().min(1) })),
});

export type ScannerKeys = Map<string, KeyObject>;

export function parseScannerKeys(text: string): ScannerKeys {
  const document = documentSchema.parse(JSON.parse(text));
  return new Map(document.public_keys.map((entry) => [entry.key_identifier, createPublicKey(entry.key)]));
}

let cached: { source: string; keys: ScannerKeys } | undefined;

/** The configured keys by identifier; empty when none are configured (every report is then refused). */
export function scannerKeys(): ScannerKeys {
  const source = config().KEYSMITH_SECRET_SCANNING_KEYS?.trim() ?? "";
  if (source === "") return new Map();
  if (cached?.source === source) return cached.keys;
  const text = source.startsWith("@") ? readFileSync(source.slice(1), "utf8") : source;
  cached = { source, keys: parseScannerKeys(text) };
  return cached.keys;
}
