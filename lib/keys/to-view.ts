import { maskedKey, type KeyEnvironment, type KeyType } from "./format";
import { keyStatus } from "./status";
import type { KeyView } from "./view";
import { creditsView } from "@/lib/credits/settings";

export interface KeyRow {
  id: string;
  name: string;
  description: string;
  meta: unknown;
  externalId: string | null;
  keyId: string;
  prefix: string;
  type: KeyType;
  environment: string;
  role: string | null;
  status: "active" | "revoked";
  scopes: string[];
  rateLimitPerMinute: number;
  projectId: string | null;
  allowedIps: string[];
  createdAt: Date;
  createdBy: string;
  notBefore: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  disabledAt: Date | null;
  leakedAt: Date | null;
  leakedUrl: string | null;
  revokesAt: Date | null;
  replacedById: string | null;
  lastUsedAt: Date | null;
  usageCount: bigint;
  remaining: number | null;
  refillInterval: string | null;
  refillAmount: number | null;
  refillDay: number | null;
  lastRefillAt: Date | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Maps a stored key to its public view. The hash never leaves this function. */
export function toKeyView(row: KeyRow, now: Date = new Date()): KeyView {
  // A key past its rotation grace reads as revoked from that instant, before the job marks it.
  const graceOver = row.status === "active" && row.revokesAt !== null && row.revokesAt.getTime() <= now.getTime();
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    meta: (row.meta ?? null) as KeyView["meta"],
    externalId: row.externalId,
    keyId: row.keyId,
    prefix: row.prefix,
    maskedValue: maskedKey(row.prefix),
    type: row.type,
    environment: row.environment as KeyEnvironment,
    role: row.role,
    status: keyStatus(row, now),
    scopes: row.scopes,
    rateLimitPerMinute: row.rateLimitPerMinute,
    projectId: row.projectId,
    allowedIps: row.allowedIps,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    notBefore: iso(row.notBefore),
    expiresAt: iso(row.expiresAt),
    revokedAt: graceOver ? iso(row.revokesAt) : iso(row.revokedAt),
    disabledAt: iso(row.disabledAt),
    leakedAt: iso(row.leakedAt),
    leakedUrl: row.leakedUrl,
    revokesAt: iso(row.revokesAt),
    replacedById: row.replacedById,
    lastUsedAt: iso(row.lastUsedAt),
    usageCount: Number(row.usageCount),
    credits: creditsView(row),
  };
}
