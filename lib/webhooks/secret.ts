import { randomBytes } from "node:crypto";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";

// The signing secret of an endpoint: "whsec_" + base64 of 24 random bytes (the Standard Webhooks
// format), generated here, shown once, stored sealed and bound to its organisation and endpoint.

const associatedData = (orgId: string, endpointId: string) => `keysmith/webhook-secret/${orgId}/${endpointId}`;

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function sealedSecretColumns(orgId: string, endpointId: string, secret: string) {
  const sealed = sealSecret(secret, associatedData(orgId, endpointId));
  return { secretCiphertext: sealed.ciphertext, secretIv: sealed.iv, secretTag: sealed.tag, secretVersion: sealed.keyVersion };
}

export function openWebhookSecret(row: {
  id: string;
  orgId: string;
  secretCiphertext: Uint8Array;
  secretIv: Uint8Array;
  secretTag: Uint8Array;
  secretVersion: number;
}): string {
  return openSecret(
    { ciphertext: row.secretCiphertext, iv: row.secretIv, tag: row.secretTag, keyVersion: row.secretVersion },
    associatedData(row.orgId, row.id),
  );
}
