import { watch } from "@/lib/metrics";
import { Verifier } from "./verifier";
import type { VerifyOptions, VerifyResult } from "./result";

export { Verifier, type VerifierOptions } from "./verifier";
export * from "./result";

const store = globalThis as typeof globalThis & { keysmithVerifier?: Verifier };

/** The process's verifier (one change listener, one cache), created on first use. */
export function defaultVerifier(): Verifier {
  if (!store.keysmithVerifier) {
    const verifier = new Verifier();
    store.keysmithVerifier = verifier;
    watch("argon2Queued", "default verifier", () => verifier.argon2Queued);
  }
  return store.keysmithVerifier;
}

/** Closes the process's verifier (its change listener), if one was created. */
export async function closeDefaultVerifier(): Promise<void> {
  const verifier = store.keysmithVerifier;
  store.keysmithVerifier = undefined;
  await verifier?.close();
}

/** Verifies a raw key: see Verifier for the pipeline and VerifyResult for the answer. */
export function verifyKey(rawKey: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
  return defaultVerifier().verify(rawKey, options);
}
