import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getKeyring, type Keyring } from "./keyring";

// AES-256-GCM for secrets Keysmith must be able to read back (unlike its own keys, which
// are only hashed). The associated data binds a ciphertext to the row it belongs to, so a
// ciphertext copied into another row does not decrypt.

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedSecret {
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  tag: Uint8Array<ArrayBuffer>;
  keyVersion: number;
}

type StoredSecret = { [Part in keyof SealedSecret]: Part extends "keyVersion" ? number : Uint8Array };

// Plain Uint8Arrays over their own ArrayBuffer: what Prisma stores as bytea.
const bytes = (buffer: Buffer) => new Uint8Array(buffer);

export class SecretUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretUnavailableError";
  }
}

export function sealSecret(plaintext: string, associatedData: string, keyring: Keyring = getKeyring()): SealedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext: bytes(ciphertext), iv: bytes(iv), tag: bytes(cipher.getAuthTag()), keyVersion: keyring.current.version };
}

/** Decrypts; throws SecretUnavailableError when the key version is unknown or the data was altered. */
export function openSecret(sealed: StoredSecret, associatedData: string, keyring: Keyring = getKeyring()): string {
  const key = keyring.byVersion.get(sealed.keyVersion);
  if (!key) {
    throw new SecretUnavailableError(
      `encryption key version ${sealed.keyVersion} is not configured (add it to KEYSMITH_ENCRYPTION_PREVIOUS_KEYS)`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(sealed.tag));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnavailableError("the stored secret does not decrypt with the configured key (wrong key or altered data)");
  }
}
