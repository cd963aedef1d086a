import { systemAuditContext } from "@/lib/audit/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { publicRegistry } from "./public-registry";
import type { DiscoverySummary, RegistryView } from "./view";

export type Tx = Prisma.TransactionClient;

// Registry changes of one organisation run one at a time: each write transaction first
// takes a transaction-scoped advisory lock on the organisation. Checks such as "is this
// scope free", "would this upstream make a loop" and the priority renumbering then see a
// list nobody else is changing. The partial unique index on (orgId) WHERE isDefault is
// the database's own guarantee of at most one default.
const REGISTRY_LOCK_CLASS = 4_231_908;

export function inRegistryTransaction<T>(orgId: string, run: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGISTRY_LOCK_CLASS}::int, hashtext(${orgId}::text))`;
      return run(tx);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

// Organisations known to have their registries; the list never becomes empty again (the
// default cannot be deleted), so the check runs once per organisation and process.
const seeded = new Set<string>();

/** Adds the public registry as the default of an organisation that has no registries yet. */
export async function ensurePublicRegistry(orgId: string): Promise<void> {
  if (seeded.has(orgId)) return;
  if ((await db().registry.count({ where: { orgId } })) === 0) {
    await inRegistryTransaction(orgId, async (tx) => {
      if ((await tx.registry.count({ where: { orgId } })) > 0) return;
      const { name, url } = publicRegistry();
      const row = await tx.registry.create({ data: { orgId, name, url, priority: 0, isDefault: true, builtIn: true } });
      await recordAudit(tx, systemAuditContext(orgId), {
        action: "registry.create",
        targetType: "registry",
        targetId: row.id,
        metadata: { name, url, builtIn: true, isDefault: true, reason: "first use" },
      });
    });
  }
  seeded.add(orgId);
}

export const registryInclude = { upstream: { select: { id: true, name: true } } } as const;
export type RegistryRow = Prisma.RegistryGetPayload<{ include: typeof registryInclude }>;

export function loadRegistries(client: Tx, orgId: string): Promise<RegistryRow[]> {
  return client.registry.findMany({
    where: { orgId },
    include: registryInclude,
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
  });
}

/** Rewrites priorities as 0..n-1 in the given order, touching only rows that move. */
export async function writePriorities(tx: Tx, rows: { id: string; priority: number }[]): Promise<void> {
  for (const [index, row] of rows.entries()) {
    if (row.priority !== index) await tx.registry.update({ where: { id: row.id }, data: { priority: index } });
  }
}

export function toRegistryView(row: RegistryRow): RegistryView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    apiBase: row.apiBase,
    priority: row.priority,
    scopes: row.scopes,
    isDefault: row.isDefault,
    builtIn: row.builtIn,
    upstream: row.upstream ? { id: row.upstream.id, name: row.upstream.name } : null,
    apiKeyMask: row.apiKeyHint,
    discovery: (row.discovery as DiscoverySummary | null) ?? null,
    discoveredAt: row.discoveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The organisation's registries in priority order (the public one is added on first use). */
export async function listRegistries(orgId: string): Promise<RegistryView[]> {
  await ensurePublicRegistry(orgId);
  return (await loadRegistries(db(), orgId)).map(toRegistryView);
}
