// The keys list's URL query (?page&pageSize&sort&order&status&type&projectId&q): the page reads it on the
// server, the table writes it on change. Plain module, no zod (the API validates).

export const KEY_SORTS = ["createdAt", "lastUsedAt", "name", "expiresAt", "usageCount"] as const;
export type KeySort = (typeof KEY_SORTS)[number];
export const PAGE_SIZE = 25;
/** The page sizes the table offers (the API allows 1 to 100). */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export interface KeysUrlQuery {
  page: number;
  pageSize: number;
  sort: KeySort;
  order: "asc" | "desc";
  status?: "active" | "expiring" | "expired" | "revoked" | "disabled";
  type?: "sk" | "pk";
  projectId?: string;
  q?: string;
}

const STATUSES = ["active", "expiring", "expired", "revoked", "disabled"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Reads the query leniently: anything unknown falls back to the default. */
export function readKeysQuery(params: Params): KeysUrlQuery {
  const page = Number(one(params.page));
  const pageSize = Number(one(params.pageSize));
  const sort = one(params.sort) as KeySort;
  const status = one(params.status) as KeysUrlQuery["status"];
  const type = one(params.type);
  const projectId = one(params.projectId);
  const q = one(params.q)?.trim().slice(0, 100);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZE,
    sort: KEY_SORTS.includes(sort) ? sort : "createdAt",
    order: one(params.order) === "asc" ? "asc" : "desc",
    ...(status && STATUSES.includes(status) ? { status } : {}),
    ...(type === "sk" || type === "pk" ? { type } : {}),
    ...(projectId && UUID.test(projectId) ? { projectId } : {}),
    ...(q ? { q } : {}),
  };
}

export function keysQueryString(query: KeysUrlQuery): string {
  const params = new URLSearchParams();
  if (query.page > 1) params.set("page", String(query.page));
  if (query.pageSize !== PAGE_SIZE) params.set("pageSize", String(query.pageSize));
  if (query.sort !== "createdAt") params.set("sort", query.sort);
  if (query.order !== "desc") params.set("order", query.order);
  for (const field of ["status", "type", "projectId", "q"] as const) {
    const value = query[field];
    if (value) params.set(field, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
