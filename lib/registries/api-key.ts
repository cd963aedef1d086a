import { maskSecret } from "@/lib/crypto/mask";
import { openSecret, sealSecret, SecretUnavailableError } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";

// The upstream API key of a registry: sealed with AES-256-GCM, bound to its organisation
// and registry, so a ciphertext copied to another row does not open.

const associatedData = (orgId: string, registryId: string) => `keysmith/registry-api-key/${orgId}/${registryId}`;

export function sealedApiKeyColumns(orgId: string, registryId: string, apiKey: string) {
  const sealed = sealSecret(apiKey, associatedData(orgId, registryId));
  return {
    apiKeyCiphertext: sealed.ciphertext,
    apiKeyIv: sealed.iv,
    apiKeyTag: sealed.tag,
    apiKeyVersion: sealed.keyVersion,
    apiKeyHint: maskSecret(apiKey),
  };
}

export const clearedApiKeyColumns = {
  apiKeyCiphertext: null,
  apiKeyIv: null,
  apiKeyTag: null,
  apiKeyVersion: null,
  apiKeyHint: null,
};

interface SealedColumns {
  id: string;
  orgId: string;
  name: string;
  apiKeyCiphertext: Uint8Array | null;
  apiKeyIv: Uint8Array | null;
  apiKeyTag: Uint8Array | null;
  apiKeyVersion: number | null;
}

/** The clear upstream key, or null when none is stored. Only the export with secrets calls this. */
export function openApiKey(row: SealedColumns): string | null {
  if (!row.apiKeyCiphertext || !row.apiKeyIv || !row.apiKeyTag || row.apiKeyVersion === null) return null;
  try {
    return openSecret(
      { ciphertext: row.apiKeyCiphertext, iv: row.apiKeyIv, tag: row.apiKeyTag, keyVersion: row.apiKeyVersion },
      associatedData(row.orgId, row.id),
    );
  } catch (error) {
    if (error instanceof SecretUnavailableError) {
      throw new AppError("INTERNAL", `The API key of ${row.name} cannot be decrypted: ${error.message}.`);
    }
    throw error;
  }
}
