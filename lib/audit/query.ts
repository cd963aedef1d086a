import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { AuditFilter, AuditPageQuery } from "@/lib/validations/audit";
import { SYSTEM_ACTOR } from "./types";

export interface AuditEventView {
  id: string;
  createdAt: string;
  action: string;
  targetType: string;
  targetId: string | null;
  actorId: string;
  /** The actor's email where Keysmith knows it, otherwise the id. */
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
  metadata: Prisma.JsonValue;
}

export interface AuditPage {
  data: AuditEventView[];
  /** Pass back as `cursor` for the next, older page; null on the last page. */
  nextCursor: string | null;
}

// Newest first; the id breaks ties between events of the same millisecond.
const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function actorIdsMatching(orgId: string, actor: string): Promise<string[]> {
  const users = await db().user.findMany({
    where: { email: { contains: actor, mode: "insensitive" }, memberships: { some: { orgId } } },
    select: { id: true },
  });
  return [actor, ...users.map((user) => user.id)];
}

async function whereOf(orgId: string, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  return {
    orgId,
    action: filter.action ?? (filter.area ? { startsWith: `${filter.area}.` } : undefined),
    actorId: filter.actor ? { in: await actorIdsMatching(orgId, filter.actor) } : undefined,
    targetId: filter.targetId,
    createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
  };
}

async function actorLabels(actorIds: string[]): Promise<Map<string, string>> {
  const userIds = [...new Set(actorIds.filter((id) => UUID.test(id)))];
  const users = userIds.length ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const labels = new Map(users.map((user) => [user.id, user.email]));
  labels.set(SYSTEM_ACTOR, "Keysmith");
  return labels;
}

async function toViews(rows: Prisma.AuditEventGetPayload<object>[]): Promise<AuditEventView[]> {
  const labels = await actorLabels(rows.map((row) => row.actorId));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    actorId: row.actorId,
    actorLabel: labels.get(row.actorId) ?? row.actorId,
    ip: row.ip,
    userAgent: row.userAgent,
    metadata: row.metadata,
  }));
}

/** One page of the organisation's trail, newest first. */
export async function listAuditEvents(orgId: string, query: AuditPageQuery): Promise<AuditPage> {
  const rows = await db().auditEvent.findMany({
    where: await whereOf(orgId, query),
    orderBy: NEWEST_FIRST,
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  return { data: await toViews(page), nextCursor: hasMore ? page.at(-1)!.id : null };
}

/** Every matching event, newest first, in batches — for exports that must not hold it all in memory. */
export async function* allAuditEvents(orgId: string, filter: AuditFilter, batchSize = 1000): AsyncGenerator<AuditEventView[]> {
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(orgId, { ...filter, cursor, limit: batchSize });
    if (page.data.length) yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
