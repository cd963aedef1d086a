import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { assertCanGrant, requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { UpdateKeyInput } from "@/lib/validations/keys";
import { keyActions } from "./actions";
import { sessionAuditContext } from "./audit-context";
import { maskedKey, type KeyType } from "./format";
import { withinIssuerLifetime } from "./issuer-bounds";
import { notifyKeyChanged } from "./notify";
import { getKeyPolicy, resolveExpiry } from "./policy";
import { lockKey, resolveScopes } from "./service";
import { keyStatus } from "./status";
import { toKeyView } from "./to-view";
import { nextCredits } from "@/lib/credits/settings";
import type { KeyView } from "./view";

type Row = Awaited<ReturnType<typeof lockKey>>;

/** The editable settings of a key, as stored. */
interface Settings {
  name: string;
  description: string;
  meta: Prisma.JsonValue | null;
  externalId: string | null;
  role: string | null;
  scopes: string[];
  expiresAt: Date | null;
  allowedIps: string[];
  rateLimitPerMinute: number;
  remaining: number | null;
  refillInterval: string | null;
  refillAmount: number | null;
  refillDay: number | null;
}

const SETTINGS = [
  "name",
  "description",
  "meta",
  "externalId",
  "role",
  "scopes",
  "expiresAt",
  "allowedIps",
  "rateLimitPerMinute",
  "remaining",
  "refillInterval",
  "refillAmount",
  "refillDay",
] as const;

function settingsOf(row: Row): Settings {
  return Object.fromEntries(SETTINGS.map((field) => [field, row[field]])) as unknown as Settings;
}

const CREDIT_SETTINGS = ["remaining", "refillInterval", "refillAmount", "refillDay"] as const;

const auditValue = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const same = (a: unknown, b: unknown) => JSON.stringify(auditValue(a)) === JSON.stringify(auditValue(b));

/**
 * The settings after the edit, each checked as creating a key checks it: scopes the editor holds,
 * the publishable-key rules, an expiry within the policy and the issuer's own lifetime.
 */
async function editedSettings(principal: Principal, key: Row, input: UpdateKeyInput, now: Date): Promise<Settings> {
  const next = settingsOf(key);
  if (input.name !== undefined) next.name = input.name;
  if (input.description !== undefined) next.description = input.description;
  if (input.meta !== undefined) next.meta = input.meta as Prisma.JsonValue | null;
  if (input.externalId !== undefined) next.externalId = input.externalId;
  if (input.allowedIps !== undefined) next.allowedIps = input.allowedIps;
  if (input.rateLimitPerMinute !== undefined) next.rateLimitPerMinute = input.rateLimitPerMinute;
  if (input.role !== undefined || input.scopes !== undefined) {
    const { role, scopes } = resolveScopes({ role: input.role, scopes: input.scopes }, key.type as KeyType);
    assertCanGrant(principal, scopes, input.role !== undefined ? "role" : "scopes");
    next.role = role;
    next.scopes = scopes;
  }
  if (input.remaining !== undefined || input.refill !== undefined) {
    const credits = nextCredits(key, { remaining: input.remaining, refill: input.refill }, now);
    next.remaining = credits.remaining;
    next.refillInterval = credits.refillInterval;
    next.refillAmount = credits.refillAmount;
    next.refillDay = credits.refillDay;
  }
  if (input.expiresInDays !== undefined || input.expiresAt !== undefined) {
    const expiresAt = withinIssuerLifetime(principal, resolveExpiry(input, await getKeyPolicy(principal.orgId), now));
    if (key.notBefore && expiresAt && key.notBefore.getTime() >= expiresAt.getTime()) {
      throw new AppError("VALIDATION_FAILED", "The expiry must be after the key's start (notBefore).", "expiresAt");
    }
    next.expiresAt = expiresAt;
  }
  return next;
}

const jsonColumn = (value: Prisma.JsonValue | null) => (value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));

/**
 * Edits a key: any of its settings, and disabling or enabling it. Only a caller that holds the
 * key's scopes may change it (lockKey), and the new settings are bounded like a new key's. Every
 * change is audited with its before and after values, and verifiers are told at once (NOTIFY).
 */
export async function updateKey(
  principal: Principal,
  id: string,
  input: UpdateKeyInput,
  audit: AuditContext = sessionAuditContext(principal),
): Promise<KeyView> {
  requirePermission(principal, "keys:write");
  const now = await dbClock().now(); // before the transaction: the embedded database has one connection
  const row = await db().$transaction(async (tx) => {
    const key = await lockKey(tx, principal, id);
    const actions = keyActions({ status: keyStatus(key, now), replacedById: key.replacedById });
    const editing =
      SETTINGS.some((field) => input[field as keyof UpdateKeyInput] !== undefined) ||
      input.expiresInDays !== undefined ||
      input.refill !== undefined;
    if (input.disabled !== undefined && actions.toggle === null && keyStatus(key, now) === "revoked") {
      throw new AppError("CONFLICT", "This key is revoked; a revoked key cannot be disabled or enabled again.");
    }
    if (editing && !actions.edit) {
      throw new AppError(
        "CONFLICT",
        key.replacedById
          ? "This key has been rotated: edit its replacement instead."
          : "This key is revoked; a revoked key cannot be edited.",
      );
    }

    const before = settingsOf(key);
    const after = editing ? await editedSettings(principal, key, input, now) : before;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of SETTINGS) {
      if (!same(before[field], after[field])) changes[field] = { from: auditValue(before[field]), to: auditValue(after[field]) };
    }
    const toggled = input.disabled !== undefined && (key.disabledAt !== null) !== input.disabled;
    if (Object.keys(changes).length === 0 && !toggled) return key;

    // New credits (or a new refill) start a new generation: Redis copies of the old are dropped (lib/credits).
    const creditsChanged = CREDIT_SETTINGS.some((field) => changes[field] !== undefined);
    const updated = await tx.apiKey.update({
      where: { id },
      data: {
        ...after,
        ...(creditsChanged
          ? {
              creditGen: { increment: 1 },
              lastRefillAt: nextCredits(key, { remaining: input.remaining, refill: input.refill }, now).lastRefillAt,
            }
          : {}),
        meta: jsonColumn(after.meta),
        ...(toggled ? { disabledAt: input.disabled ? new Date() : null } : {}),
      },
    });
    await notifyKeyChanged(tx, key.keyId);
    const target = { targetType: "key", targetId: id } as const;
    const label = { name: updated.name, maskedValue: maskedKey(key.prefix) };
    if (Object.keys(changes).length > 0) await recordAudit(tx, audit, { action: "key.update", ...target, metadata: { ...label, changes } });
    if (toggled) await recordAudit(tx, audit, { action: input.disabled ? "key.disable" : "key.enable", ...target, metadata: label });
    return updated;
  });
  return toKeyView(row, now);
}
