import { authProvider } from "@/lib/auth/mode";
import { getKeyring } from "@/lib/crypto/keyring";
import { getPepper } from "@/lib/keys/pepper";

/**
 * Reads every secret and setting the app server needs, so a misconfigured server stops at start
 * with the reason instead of failing on the first key, registry or sign-in request. In
 * development the pepper and encryption key are created here, in the data directory.
 */
export function checkConfiguration(): void {
  getPepper();
  getKeyring();
  authProvider();
}

/** For the app server's start (instrumentation.ts): Next would log a throw and keep answering 500s. */
export function exitUnlessConfigured(): void {
  try {
    checkConfiguration();
  } catch (error) {
    console.error(`Keysmith cannot start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
