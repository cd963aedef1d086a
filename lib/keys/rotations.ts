import { db } from "@/lib/db/client";
import { creatorLabels } from "./creator-labels";

// Rotation history is read from the audit trail: a rotation records
// { action: "key.rotate", targetId: <old key id>, metadata: { newKeyId, grace, oldKeyRevokesAt } }.

export const ROTATE_ACTION = "key.rotate";

export interface RotationEntry {
  auditEventId: string;
  at: string;
  /** "to": this key was replaced by `otherKey`; "from": this key replaced `otherKey`. */
  direction: "to" | "from";
  otherKey: { id: string; name: string | null };
  /** The grace period chosen, as recorded ("none", "1h", "24h", "7d"); null when not recorded. */
  grace: string | null;
  /** When the old key stops (stopped) working, as recorded. */
  oldKeyRevokesAt: string | null;
  actorLabel: string;
}

const textOf = (value: unknown) => (typeof value === "string" ? value : null);

/** The rotations this key took part in, newest first. */
export async function listRotations(orgId: string, id: string): Promise<RotationEntry[]> {
  const events = await db().auditEvent.findMany({
    where: {
      orgId,
      action: ROTATE_ACTION,
      OR: [{ targetId: id }, { metadata: { path: ["newKeyId"], equals: id } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const entries = events.flatMap((event) => {
    const metadata = (event.metadata ?? {}) as Record<string, unknown>;
    const newKeyId = textOf(metadata.newKeyId);
    const direction: "to" | "from" = event.targetId === id ? "to" : "from";
    const otherId = direction === "to" ? newKeyId : event.targetId;
    if (!otherId) return [];
    return [{ event, direction, otherId, grace: textOf(metadata.grace), oldKeyRevokesAt: textOf(metadata.oldKeyRevokesAt) }];
  });
  const UUID = /^[0-9a-f-]{36}$/i;
  const otherIds = [...new Set(entries.map((e) => e.otherId).filter((other) => UUID.test(other)))];
  const [keys, actors] = await Promise.all([
    otherIds.length ? db().apiKey.findMany({ where: { orgId, id: { in: otherIds } }, select: { id: true, name: true } }) : [],
    creatorLabels(
      orgId,
      entries.map((e) => e.event.actorId),
    ),
  ]);
  const names = new Map(keys.map((key) => [key.id, key.name]));
  return entries.map(({ event, direction, otherId, grace, oldKeyRevokesAt }) => ({
    auditEventId: event.id,
    at: event.createdAt.toISOString(),
    direction,
    otherKey: { id: otherId, name: names.get(otherId) ?? null },
    grace,
    oldKeyRevokesAt,
    actorLabel: actors.get(event.actorId) ?? event.actorId,
  }));
}
