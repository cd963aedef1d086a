import { db } from "@/lib/db/client";
import { maskedKey } from "@/lib/keys/format";
import { enqueueEvent, type WebhookEventType } from "./events";

// Lifecycle alerts, found by a scan on the database's clock (`now()` in the SQL, never this host's):
//   key.expiring — 7 days and 1 day before expiry (a key that is already within a day gets only the second)
//   key.expired  — once, for keys that expired in the last 7 days (older ones predate the scan)
//   key.unused   — no verification for the organisation's unusedKeyAlertDays (null: off); once per
//                  period of disuse, so a key used again and then forgotten again alerts again.
// Each alert is a KeyAlert row (primary key: key + threshold) inserted with ON CONFLICT DO NOTHING
// in the transaction that writes its event: several instances scanning at once send each alert once.

const BATCH = 500;

interface DueAlert {
  id: string;
  orgId: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  threshold: string;
}

const TYPE_BY_THRESHOLD: Record<string, WebhookEventType> = {
  "expiring:7d": "key.expiring",
  "expiring:1d": "key.expiring",
  expired: "key.expired",
};

function eventOf(row: DueAlert): { type: WebhookEventType; data: Record<string, unknown> } {
  const type = TYPE_BY_THRESHOLD[row.threshold] ?? "key.unused";
  const data: Record<string, unknown> = { keyId: row.id, name: row.name, maskedValue: maskedKey(row.prefix) };
  if (type === "key.expiring") data.threshold = row.threshold === "expiring:7d" ? "7d" : "1d";
  if (type !== "key.unused") data.expiresAt = row.expiresAt?.toISOString() ?? null;
  else data.lastUsedAt = row.lastUsedAt?.toISOString() ?? null;
  return { type, data };
}

/** One batch: claims up to BATCH due alerts and writes their events; returns how many. */
async function scanBatch(): Promise<number> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<DueAlert[]>`
      WITH live AS (
        SELECT k.id, k."orgId", k.name, k.prefix, k."expiresAt", k."lastUsedAt", k."createdAt", o."unusedKeyAlertDays"
        FROM "ApiKey" k JOIN "Organization" o ON o.id = k."orgId"
        WHERE k.status = 'active' AND k."disabledAt" IS NULL AND k."replacedById" IS NULL
      ), due AS (
        SELECT live.*, 'expiring:7d' AS threshold FROM live
          WHERE "expiresAt" > now() + interval '1 day' AND "expiresAt" <= now() + interval '7 days'
        UNION ALL
        SELECT live.*, 'expiring:1d' FROM live WHERE "expiresAt" > now() AND "expiresAt" <= now() + interval '1 day'
        UNION ALL
        SELECT live.*, 'expired' FROM live WHERE "expiresAt" <= now() AND "expiresAt" > now() - interval '7 days'
        UNION ALL
        SELECT live.*, 'unused:' || floor(extract(epoch FROM COALESCE("lastUsedAt", "createdAt")))::bigint FROM live
          WHERE "unusedKeyAlertDays" IS NOT NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())
            AND COALESCE("lastUsedAt", "createdAt") <= now() - make_interval(days => "unusedKeyAlertDays")
      ), picked AS (
        SELECT due.* FROM due WHERE NOT EXISTS (
          SELECT 1 FROM "KeyAlert" a WHERE a."keyId" = due.id AND a.threshold = due.threshold)
        LIMIT ${BATCH}
      ), inserted AS (
        INSERT INTO "KeyAlert" ("keyId", threshold) SELECT id, threshold FROM picked
        ON CONFLICT DO NOTHING RETURNING "keyId", threshold
      )
      SELECT picked.id, picked."orgId", picked.name, picked.prefix, picked."expiresAt", picked."lastUsedAt", picked.threshold
      FROM picked JOIN inserted ON inserted."keyId" = picked.id AND inserted.threshold = picked.threshold`;
    for (const row of rows) {
      const event = eventOf(row);
      await enqueueEvent(tx, row.orgId, event.type, event.data);
    }
    return rows.length;
  });
}

/** Sends every lifecycle alert that is due; safe to run on several instances at once. */
export async function scanKeyAlerts(): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await scanBatch();
    total += count;
    if (count < BATCH) return total;
  }
}
