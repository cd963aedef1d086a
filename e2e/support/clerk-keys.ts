import { generateKeyPairSync } from "node:crypto";

// Clerk runs "networkless" in tests: the server checks session tokens against CLERK_JWT_KEY,
// and the tests sign their own tokens with the matching private key.
export function testClerkKeys(): { publicKeyPem: string; privateKeyPem: string } {
  if (!process.env.E2E_CLERK_PRIVATE_KEY || !process.env.E2E_CLERK_PUBLIC_KEY) {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    // Stored in the environment so Playwright's workers, which load the config again, agree.
    process.env.E2E_CLERK_PUBLIC_KEY = publicKey.export({ type: "spki", format: "pem" }).toString();
    process.env.E2E_CLERK_PRIVATE_KEY = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  }
  return { publicKeyPem: process.env.E2E_CLERK_PUBLIC_KEY!, privateKeyPem: process.env.E2E_CLERK_PRIVATE_KEY! };
}

/** A publishable key names Clerk's Frontend API host; nothing is fetched from it in networkless mode. */
export const TEST_CLERK_PUBLISHABLE_KEY = `pk_live_${Buffer.from("clerk.keysmith.test$").toString("base64")}`;
