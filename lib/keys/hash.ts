import { hash, verify } from "@node-rs/argon2";
import { createHmac } from "node:crypto";
import { availableParallelism } from "node:os";
import { Semaphore } from "@/lib/verify/semaphore";
import { getPepper } from "./pepper";

// Keys are stored as Argon2id(HMAC-SHA256(pepper, secret)). The HMAC binds the hash to the
// server's pepper; Argon2id makes each guess against a leaked hash expensive.
// Parameters: one of the five configurations OWASP's Password Storage Cheat Sheet lists as its
// equivalent minimums for Argon2id — 7 MiB, 5 passes, 1 lane (the others: 19 MiB × 2, 12 × 3,
// 9 × 4, 46 × 1). For 256-bit random secrets Argon2 is defence in depth at rest, not what stops a
// guess (docs/verification-security.md), so the cheapest of them on real hardware is taken: its
// memory fits a server's cache, and it costs 7.5 ms where 19 MiB × 2 costs 12 ms (docs/key-format.md).
// Keys hashed with other parameters keep verifying: a PHC string carries its own.
const ARGON2_OPTIONS = { memoryCost: 7_168, timeCost: 5, parallelism: 1, outputLen: 32 } as const;
// @node-rs/argon2's Algorithm is a const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2;

export function pepperedDigest(secret: string): string {
  return createHmac("sha256", getPepper()).update(secret, "utf8").digest("base64url");
}

/**
 * Argon2 runs at once in this process, hashing new keys and verifying keys together (the verifier
 * takes its turns here too): one per core. libuv's pool would run four on two cores, each one's
 * 7 MiB evicting the others' from the cache, and leave the database's and the server's threads
 * waiting for a core; a burst of 50 creates on the embedded database answered ~15 % later.
 */
export const argon2Slots = new Semaphore(Math.max(1, availableParallelism()));

export async function hashSecret(secret: string): Promise<string> {
  return argon2Slots.run(() => hash(pepperedDigest(secret), { ...ARGON2_OPTIONS, algorithm: ARGON2ID }), "hash");
}

/** Constant-time by construction: argon2 recomputes the hash and compares the outputs. */
export async function verifySecret(phc: string, secret: string): Promise<boolean> {
  try {
    return await verify(phc, pepperedDigest(secret));
  } catch {
    return false;
  }
}
