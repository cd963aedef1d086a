import { createHmac, hash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { db } from "@/lib/db/client";
import { config } from "@/lib/config";
import { verifySecret } from "@/lib/keys/hash";
import { getPepper } from "@/lib/keys/pepper";
import { secretTag } from "@/lib/keys/secret-tag";
import { log } from "@/lib/log";
import type { KeyState } from "./key-state-store";
import type { Semaphore } from "./semaphore";

// What the verifier knows about secrets it has proven: "this exact key matched this hash", kept
// until the key's hash changes or the memory budget evicts it (LRU), by a peppered digest of the
// key, never the key. Also the Argon2 runs that make a proof (bounded, fair between addresses,
// shared by concurrent first uses of one key) and the tags written for keys hashed before tags.

/** An estimate of one proof's memory: key (43 chars), value (a PHC string, ~100) and the LRU's bookkeeping. */
const PROOF_BYTES = 320;

export function proofCacheBytesFromEnv(): number {
  return Math.floor(config().KEYSMITH_VERIFY_PROOF_CACHE_MB * 2 ** 20);
}

/** Writes a key's tag once (lazily, for keys hashed before tags), never over a changed hash. */
async function writeSecretTag(id: string, hash: string, tag: string): Promise<void> {
  await db().$executeRaw`UPDATE "ApiKey" SET "secretTag" = ${tag} WHERE id = ${id}::uuid AND hash = ${hash} AND "secretTag" IS NULL`;
}

export class Proofs {
  /** Peppered SHA-256 of the raw key (digestOf) → the hash the key proved itself against. */
  private readonly proven: LRUCache<string, string, unknown>;
  private readonly proving = new Map<string, Promise<boolean>>();
  private digestPrefix: string | null = null;
  private readonly tagWrites = new Set<Promise<void>>();
  /** Argon2 runs started (tests, benchmarks). */
  argon2Runs = 0;

  constructor(
    private readonly argon2: Semaphore,
    maxBytes: number,
  ) {
    this.proven = new LRUCache({ maxSize: maxBytes, sizeCalculation: () => PROOF_BYTES });
  }

  get size(): number {
    return this.proven.size;
  }

  /** Argon2 proofs waiting for a free slot (a metric). */
  get argon2Queued(): number {
    return this.argon2.queued;
  }

  /**
   * The proof cache's key for a raw key: SHA-256 over a prefix derived from the pepper, in one call
   * (2 µs where an HMAC object cost 5–9 µs on every hot request). A digest never leaves the process,
   * so the length extension an HMAC guards against does not apply.
   */
  digestOf(raw: string): string {
    this.digestPrefix ??= createHmac("sha256", getPepper()).update("keysmith proof cache v1").digest("base64url") + ":";
    return hash("sha256", this.digestPrefix + raw, "base64url");
  }

  /** The hash the key with this digest last proved itself against, if it is still cached. */
  provenHash(digest: string): string | undefined {
    return this.proven.get(digest);
  }

  /** Argon2 proof of the secret; `fairnessKey` (the caller's address) gets its turn at the pool. */
  async prove(digest: string, state: KeyState, secret: string, fairnessKey: string): Promise<boolean> {
    // Concurrent first uses of one key share a single Argon2 run.
    let pending = this.proving.get(digest);
    if (!pending) {
      this.argon2Runs += 1;
      pending = this.argon2.run(() => verifySecret(state.hash, secret), fairnessKey).finally(() => this.proving.delete(digest));
      this.proving.set(digest, pending);
    }
    const ok = await pending;
    if (ok) this.proven.set(digest, state.hash);
    return ok;
  }

  /** A key hashed before tags gets its tag from its first proven secret; no key stops working meanwhile. */
  fillTag(state: KeyState, secret: string): void {
    const tag = secretTag(secret);
    state.secretTag = tag;
    const write = writeSecretTag(state.id, state.hash, tag)
      .catch((error: unknown) =>
        log.warn({ err: error, keyId: state.keyId }, "could not store a key's secret tag; it is written at a later verification"),
      )
      .finally(() => this.tagWrites.delete(write));
    this.tagWrites.add(write);
  }

  /** Resolves once every secret tag being written has been (tests). */
  async tagWritesSettled(): Promise<void> {
    await Promise.all([...this.tagWrites]);
  }
}
