import { verify } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { ScannerKeys } from "./public-keys";

// GitHub's secret-scanning partner program signs the raw request body with ECDSA (P-256,
// SHA-256, DER, base64) and names the key in Github-Public-Key-Identifier.

export const KEY_IDENTIFIER_HEADER = "github-public-key-identifier";
export const SIGNATURE_HEADER = "github-public-key-signature";

/** Throws 401 unless `signature` is a valid signature of `body` by the key named `keyIdentifier`. */
export function assertSignedReport(body: Buffer, keyIdentifier: string | null, signature: string | null, keys: ScannerKeys): void {
  const refuse = (message: string) => new AppError("UNAUTHENTICATED", message);
  if (keys.size === 0) throw refuse("Leak reports are not configured here (KEYSMITH_SECRET_SCANNING_KEYS).");
  if (!keyIdentifier || !signature)
    throw refuse("A leak report must carry the Github-Public-Key-Identifier and Github-Public-Key-Signature headers.");
  const key = keys.get(keyIdentifier);
  if (!key) throw refuse("The report is signed with a key that is not configured.");
  let valid = false;
  try {
    valid = verify("sha256", body, key, Buffer.from(signature, "base64"));
  } catch {
    valid = false;
  }
  if (!valid) throw refuse("The report's signature does not match its body.");
}
