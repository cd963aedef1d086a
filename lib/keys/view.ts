// The shape of a key as the API and the dashboard see it: metadata only, never the secret or its hash.
import type { KeyEnvironment, KeyType } from "./format";
import type { KeyStatusView } from "./status";
import type { CreditsView } from "@/lib/credits/settings";

export type { KeyStatusView } from "./status";

export interface KeyView {
  id: string;
  name: string;
  /** What the key is for, in the owner's words; "" when none. */
  description: string;
  /** The owner's JSON object, answered by verification as `meta`; null when none. */
  meta: Record<string, unknown> | null;
  /** The key's owner in the organisation's own system (e.g. a customer id); filterable. */
  externalId: string | null;
  /** The key's public id: the 12 characters after "ks_live_sk_", as verification and the audit log name it. */
  keyId: string;
  /** The non-secret start of the key, e.g. "ks_live_sk_AbCd". */
  prefix: string;
  /** The prefix with a mask, e.g. "ks_live_sk_AbCd****". */
  maskedValue: string;
  type: KeyType;
  environment: KeyEnvironment;
  /** The role the key was created with; null for a custom set of scopes. */
  role: string | null;
  status: KeyStatusView;
  scopes: string[];
  rateLimitPerMinute: number;
  projectId: string | null;
  allowedIps: string[];
  createdAt: string;
  createdBy: string;
  notBefore: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  disabledAt: string | null;
  /** Set when a secret scanner reported the key found in public, with where (lib/leaks). */
  leakedAt: string | null;
  leakedUrl: string | null;
  /** Set by rotation: when this key stops working, and the key that replaced it. */
  revokesAt: string | null;
  replacedById: string | null;
  lastUsedAt: string | null;
  usageCount: number;
  /** Usage credits left (null: unlimited) and their refill (lib/credits). */
  credits: CreditsView;
}

export interface CreatedKey {
  key: KeyView;
  /** The full key. Returned once, by the create (or rotate) call only. */
  rawKey: string;
}
