import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import type { Prisma } from "@/lib/db/generated/client";
import type { Principal } from "@/lib/auth/principal";
import type { KeyListQuery } from "@/lib/validations/keys";
import { keyScope, keyScopeWhere } from "./key-scope";
import { searchTerm } from "./key-search";
import type { KeyStatusView } from "./status";
import { toKeyView } from "./to-view";
import type { KeyView } from "./view";

export interface KeyPage {
  data: KeyView[];
  page: number;
  pageSize: number;
  /** Keys matching the filters, on every page. */
  total: number;
}

/**
 * The SQL form of keyStatus() (lib/keys/status.ts): the same precedence — revoked (or past the
 * rotation grace), then disabled, then expired / expiring / active by the clock. "Expiring" starts at
 * expiringAt, the column the database keeps equal to expiringFrom() (last 20 % or 7 days of a lifetime).
 */
export function statusWhere(status: KeyStatusView, now: Date): Prisma.ApiKeyWhereInput {
  if (status === "revoked") return { OR: [{ status: "revoked" }, { revokesAt: { lte: now } }] };
  const notRevoked: Prisma.ApiKeyWhereInput = { status: "active", OR: [{ revokesAt: null }, { revokesAt: { gt: now } }] };
  if (status === "disabled") return { AND: [notRevoked, { disabledAt: { not: null } }] };
  const enabled = { AND: [notRevoked, { disabledAt: null }] };
  switch (status) {
    case "expired":
      return { AND: [enabled, { expiresAt: { lte: now } }] };
    case "expiring":
      return { AND: [enabled, { expiresAt: { gt: now }, expiringAt: { lte: now } }] };
    case "active":
      return { AND: [enabled, { OR: [{ expiresAt: null }, { expiringAt: { gt: now } }] }] };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A key's name or prefix containing the text, or its key id, external id or id equal to it (a pasted full key counts as its key id). */
export function searchWhere(text: string): Prisma.ApiKeyWhereInput {
  const term = searchTerm(text);
  const matches: Prisma.ApiKeyWhereInput[] = [
    { name: { contains: term, mode: "insensitive" } },
    { prefix: { contains: term, mode: "insensitive" } },
    { keyId: term },
    { externalId: term },
  ];
  if (UUID.test(term)) matches.push({ id: term.toLowerCase() });
  return { OR: matches };
}

function orderBy(query: Pick<KeyListQuery, "sort" | "order">): Prisma.ApiKeyOrderByWithRelationInput[] {
  const { sort, order } = query;
  // Never-used keys and keys without expiry sort last either way; id keeps pages stable.
  const primary: Prisma.ApiKeyOrderByWithRelationInput =
    sort === "lastUsedAt" || sort === "expiresAt" ? { [sort]: { sort: order, nulls: "last" } } : { [sort]: order };
  return [primary, { id: order }];
}

const DEFAULTS: KeyListQuery = { page: 1, pageSize: 25, sort: "createdAt", order: "desc" };

/** One page of the keys the caller may see, filtered and sorted in the database. */
export async function listKeys(caller: Principal | string, partial: Partial<KeyListQuery> = {}): Promise<KeyPage> {
  const query = { ...DEFAULTS, ...partial };
  // The database's clock decides expired / expiring, whatever this host's says.
  const now = await dbClock().now();
  const filters: Prisma.ApiKeyWhereInput[] = [keyScopeWhere(keyScope(caller))];
  if (query.status) filters.push(statusWhere(query.status, now));
  if (query.type) filters.push({ type: query.type });
  if (query.projectId) filters.push({ projectId: query.projectId });
  if (query.externalId) filters.push({ externalId: query.externalId });
  if (query.q) filters.push(searchWhere(query.q));
  const where: Prisma.ApiKeyWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    db().apiKey.findMany({ where, orderBy: orderBy(query), skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db().apiKey.count({ where }),
  ]);
  return { data: rows.map((row) => toKeyView(row, now)), page: query.page, pageSize: query.pageSize, total };
}
