import { hash, verify } from "@node-rs/argon2";
import { createHmac } from "node:crypto";
import { getPepper } from "./pepper";

// Keys are stored as Argon2id(HMAC-SHA256(pepper, secret)). The HMAC binds the hash to the
// server's pepper; Argon2id makes each guess against a leaked hash expensive.
// Parameters: OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane), ~5.5 ms here.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
// @node-rs/argon2's Algorithm is a const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2;

export function pepperedDigest(secret: string): string {
  return createHmac("sha256", getPepper()).update(secret, "utf8").digest("base64url");
}

export async function hashSecret(secret: string): Promise<string> {
  return hash(pepperedDigest(secret), { ...ARGON2_OPTIONS, algorithm: ARGON2ID });
}

/** Constant-time by construction: argon2 recomputes the hash and compares the outputs. */
export async function verifySecret(phc: string, secret: string): Promise<boolean> {
  try {
    return await verify(phc, pepperedDigest(secret));
  } catch {
    return false;
  }
}
