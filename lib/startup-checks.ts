import { authProvider } from "@/lib/auth/mode";
import { config } from "@/lib/config";
import { getKeyring } from "@/lib/crypto/keyring";
import { getPepper } from "@/lib/keys/pepper";

/**
 * Reads every secret and setting the app server needs at its start (instrumentation.ts), so a
 * misconfigured server stops with the reason instead of failing on the first key, registry or
 * sign-in request; Next alone would log a throw and keep answering 500s. In development the
 * pepper and encryption key are created here, in the data directory.
 */
export function exitUnlessConfigured(): void {
  try {
    config();
    getPepper();
    getKeyring();
    authProvider();
  } catch (error) {
    console.error(`Keysmith cannot start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
