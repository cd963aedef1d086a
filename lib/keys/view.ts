// The shape of a key as the API and the dashboard see it: metadata only, never the secret or its hash.

export type KeyStatusView = "active" | "disabled" | "revoked" | "expired";

export interface KeyView {
  id: string;
  name: string;
  prefix: string;
  environment: string;
  status: KeyStatusView;
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  disabledAt: string | null;
  lastUsedAt: string | null;
  usageCount: number;
}

export interface CreatedKey {
  key: KeyView;
  /** The full key. Returned once, by the create call only. */
  rawKey: string;
}
