import { keyStatus } from "./status";
import type { KeyView } from "./view";

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  environment: string;
  status: "active" | "revoked";
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  disabledAt: Date | null;
  lastUsedAt: Date | null;
  usageCount: bigint;
}

/** Maps a stored key to its public view. The hash never leaves this function. */
export function toKeyView(row: KeyRow, now: Date = new Date()): KeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    environment: row.environment,
    status: keyStatus(row, now),
    scopes: row.scopes,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    usageCount: Number(row.usageCount),
  };
}
