import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";

// A secret scanner of our own: an ECDSA P-256 key pair, its public key in the shape of GitHub's
// /meta/public_keys/secret_scanning document, and reports signed as GitHub signs them.

export interface TestScanner {
  keyIdentifier: string;
  privateKeyPem: string;
  /** GitHub's document, for KEYSMITH_SECRET_SCANNING_KEYS. */
  document: string;
  /** The headers of a report with this body. */
  sign(body: string): Record<string, string>;
}

export function testScanner(keyIdentifier = "test-scanner-key-1", privateKeyPem?: string): TestScanner {
  const privateKey = privateKeyPem ? createPrivateKey(privateKeyPem) : generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const publicPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return {
    keyIdentifier,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    document: JSON.stringify({ public_keys: [{ key_identifier: keyIdentifier, key: publicPem, is_current: true }] }),
    sign: (body) => ({
      "content-type": "application/json",
      "github-public-key-identifier": keyIdentifier,
      "github-public-key-signature": sign("sha256", Buffer.from(body), privateKey).toString("base64"),
    }),
  };
}
