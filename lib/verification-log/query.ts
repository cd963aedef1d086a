import { stringify } from "csv-stringify/sync";
import type { Principal } from "@/lib/auth/principal";
import { csvCell } from "@/lib/audit/csv";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { keyScope, keyScopeWhere } from "@/lib/keys/key-scope";
import type { VerificationFilter } from "@/lib/validations/verification-log";

/** A logged verification as the API and the dashboard show it. */
export interface VerificationView {
  id: string;
  at: string;
  code: string;
  /** The key's public id, or the candidate of a key that matched none; null when malformed. */
  keyId: string | null;
  /** The key's row id when a key was identified (null for unknown key ids). */
  keyRowId: string | null;
  /** The key's name where the key still exists. */
  keyName: string | null;
  ip: string | null;
  userAgent: string | null;
  scopes: string[];
  /** The slowest of the verifications this entry counts. */
  latencyMs: number;
  cost: number | null;
  /** How many identical verifications (same key, code, address, user agent, scopes, cost) within a second this entry stands for; `at` is the first's. */
  count: number;
}

export interface VerificationPage {
  data: VerificationView[];
  /** Pass back as `cursor` for the next, older page; null on the last page. */
  nextCursor: string | null;
}

interface Row {
  id: bigint;
  at: Date;
  code: string;
  keyId: string | null;
  keyRowId: string | null;
  keyName: string | null;
  ip: string | null;
  userAgent: string | null;
  scopes: string[];
  latencyMs: number;
  cost: number | null;
  count: number;
}

type Filter = Partial<VerificationFilter> & { keyRowId?: string };

function conditions(orgId: string, filter: Filter): Prisma.Sql {
  const parts = [Prisma.sql`v."orgId" = ${orgId}::uuid`];
  if (filter.keyRowId) parts.push(Prisma.sql`v."keyRowId" = ${filter.keyRowId}::uuid`);
  if (filter.keyId) parts.push(Prisma.sql`v."keyId" = ${filter.keyId}`);
  if (filter.code) parts.push(Prisma.sql`v.code = ${filter.code}`);
  if (filter.ip) parts.push(Prisma.sql`v.ip = ${filter.ip}`);
  if (filter.from) parts.push(Prisma.sql`v.at >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`v.at < ${filter.to}`);
  return Prisma.join(parts, " AND ");
}

function toView(row: Row): VerificationView {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    code: row.code,
    keyId: row.keyId,
    keyRowId: row.keyRowId,
    keyName: row.keyName,
    ip: row.ip,
    userAgent: row.userAgent,
    scopes: row.scopes,
    latencyMs: Math.round(row.latencyMs * 1000) / 1000,
    cost: row.cost,
    count: row.count,
  };
}

/** Newest first (ids grow with insertion; a batch's rows share an order by id). */
async function page(orgId: string, filter: Filter, cursor: string | undefined, limit: number): Promise<VerificationPage> {
  const before = cursor ? Prisma.sql`AND v.id < ${BigInt(cursor)}` : Prisma.empty;
  const rows = await db().$queryRaw<Row[]>`
    SELECT v.id, v.at, v.code, v."keyId", v."keyRowId", k.name AS "keyName", v.ip, v."userAgent", v.scopes, v."latencyMs", v.cost, v.count
    FROM "VerificationLog" v LEFT JOIN "ApiKey" k ON k.id = v."keyRowId"
    WHERE ${conditions(orgId, filter)} ${before}
    ORDER BY v.id DESC LIMIT ${limit + 1}`;
  const hasMore = rows.length > limit;
  const data = (hasMore ? rows.slice(0, limit) : rows).map(toView);
  return { data, nextCursor: hasMore ? data.at(-1)!.id : null };
}

/** The id of a key the caller may see; 404 otherwise (the Requests tab of one key). */
async function visibleKey(caller: Principal, id: string): Promise<string> {
  const key = await db().apiKey.findFirst({ where: { id, ...keyScopeWhere(keyScope(caller)) }, select: { id: true } });
  if (!key) throw notFound("Key");
  return key.id;
}

/** One page of the organisation's verifications, newest first. */
export function listVerifications(orgId: string, query: Filter & { cursor?: string; limit: number }): Promise<VerificationPage> {
  return page(orgId, query, query.cursor, query.limit);
}

/** One page of a key's verifications (404 for a key the caller may not see). */
export async function listKeyVerifications(
  caller: Principal,
  id: string,
  query: Filter & { cursor?: string; limit: number },
): Promise<VerificationPage> {
  const keyRowId = await visibleKey(caller, id);
  return page(caller.orgId, { ...query, keyId: undefined, keyRowId }, query.cursor, query.limit);
}

/** Every matching verification, newest first, in batches: exports never hold it all in memory. */
export async function* allVerifications(orgId: string, filter: Filter, batchSize = 1000): AsyncGenerator<VerificationView[]> {
  let cursor: string | undefined;
  do {
    const next = await page(orgId, filter, cursor, batchSize);
    if (next.data.length) yield next.data;
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
}

export async function keyVerificationBatches(caller: Principal, id: string, filter: Filter): Promise<AsyncGenerator<VerificationView[]>> {
  const keyRowId = await visibleKey(caller, id);
  return allVerifications(caller.orgId, { ...filter, keyId: undefined, keyRowId });
}

export const VERIFICATION_CSV_COLUMNS = ["time", "code", "key_id", "key_name", "ip", "user_agent", "scopes", "latency_ms", "cost", "count"];

export function verificationCsvHeader(): string {
  return stringify([VERIFICATION_CSV_COLUMNS]);
}

/** Rows of the CSV: quoted where needed (csv-stringify), and cells a spreadsheet would run as formulas escaped. */
export function verificationCsvRows(rows: VerificationView[]): string {
  return stringify(
    rows.map((row) =>
      [
        row.at,
        row.code,
        row.keyId,
        row.keyName,
        row.ip,
        row.userAgent,
        row.scopes.join(" "),
        String(row.latencyMs),
        row.cost === null ? null : String(row.cost),
        String(row.count),
      ].map(csvCell),
    ),
  );
}

export interface UnknownKeyGroup {
  /** The key id read from keys that matched no key. */
  keyId: string;
  ip: string | null;
  attempts: number;
  firstAt: string;
  lastAt: string;
}

/**
 * Failures naming key ids no key has, grouped by key-id candidate and address, most attempts first
 * (at most 200 groups). An unknown key belongs to no organisation: these are the ones sent by the
 * organisation's own services (verifying on behalf of their clients, with their own key).
 */
export async function unknownKeyFailures(orgId: string, range: { from?: Date; to?: Date }): Promise<UnknownKeyGroup[]> {
  const rows = await db().$queryRaw<{ keyId: string; ip: string | null; attempts: bigint; firstAt: Date; lastAt: Date }[]>`
    SELECT v."keyId", v.ip, sum(v.count) AS attempts, min(v.at) AS "firstAt", max(v.at) AS "lastAt"
    FROM "VerificationLog" v
    WHERE ${conditions(orgId, range)} AND v."keyRowId" IS NULL AND v."keyId" IS NOT NULL
    GROUP BY v."keyId", v.ip
    ORDER BY attempts DESC, "lastAt" DESC
    LIMIT 200`;
  return rows.map((row) => ({
    keyId: row.keyId,
    ip: row.ip,
    attempts: Number(row.attempts),
    firstAt: row.firstAt.toISOString(),
    lastAt: row.lastAt.toISOString(),
  }));
}
