import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import type { CheckRegistryInput, CreateRegistryInput, UpdateRegistryInput } from "@/lib/validations/registries";
import { clearedApiKeyColumns, openApiKey, sealedApiKeyColumns } from "./api-key";
import { checkRegistryKey, type ConnectionCheck } from "./check";
import { discoverRegistry, type DiscoveryFetchOptions } from "./discovery";
import { assertNameFree, assertScopesFree, assertUpstreamValid } from "./rules";
import { getRegistrySettings } from "./settings";
import {
  ensurePublicRegistry,
  inRegistryTransaction,
  loadRegistries,
  registryInclude,
  toRegistryView,
  writePriorities,
  type RegistryRow,
  type Tx,
} from "./store";
import { normalizeRegistryUrl } from "./url";
import type { DiscoveryPreview, DiscoverySummary, RegistryView } from "./view";

// Registry lifecycle: owners and admins write, members read. Every change and its audit
// event commit in one transaction, under the organisation's lock.

function findIn(rows: RegistryRow[], id: string): RegistryRow {
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw notFound("Registry");
  return row;
}

async function reload(tx: Tx, id: string): Promise<RegistryView> {
  return toRegistryView(await tx.registry.findUniqueOrThrow({ where: { id }, include: registryInclude }));
}

/** Fetches and validates <url>/.well-known/registry.json; stores nothing. */
export async function previewRegistry(session: Principal, url: string, fetchOptions?: DiscoveryFetchOptions): Promise<DiscoveryPreview> {
  requirePermission(session, "registries:write");
  const existing = await db().registry.findFirst({ where: { orgId: session.orgId, url: normalizeRegistryUrl(url) } });
  if (existing) throw new AppError("CONFLICT", `${existing.url} is already in the list as ${existing.name}.`, "url");
  const { allowPrivateHosts } = await getRegistrySettings(session.orgId);
  return discoverRegistry(url, { allowPrivate: allowPrivateHosts, fetch: fetchOptions });
}

/**
 * A key is saved only when the registry accepts it ("Test connection"), or when the caller says
 * to save it anyway (saveUnchecked, recorded in the audit event). Returns what the audit records.
 */
async function keyCheckOutcome(
  url: string,
  discovery: DiscoverySummary | null,
  apiKey: string,
  saveUnchecked: boolean | undefined,
  orgId: string,
  fetchOptions?: DiscoveryFetchOptions,
): Promise<"passed" | "skipped"> {
  if (saveUnchecked) return "skipped";
  const { allowPrivateHosts } = await getRegistrySettings(orgId);
  const check = await checkRegistryKey(url, discovery, apiKey, { allowPrivate: allowPrivateHosts, fetch: fetchOptions });
  if (!check.ok) {
    throw new AppError("KEY_CHECK_FAILED", `The key was not saved: ${check.message} Fix the key, or save it anyway.`, "apiKey");
  }
  return "passed";
}

/** "Test connection" for a new registry (url + key) or a saved one (its stored key, or a new one). Stores nothing. */
export async function testRegistryConnection(
  session: Principal,
  input: CheckRegistryInput,
  fetchOptions?: DiscoveryFetchOptions,
): Promise<ConnectionCheck> {
  requirePermission(session, "registries:write");
  const { allowPrivateHosts } = await getRegistrySettings(session.orgId);
  if ("url" in input) {
    const preview = await discoverRegistry(input.url, { allowPrivate: allowPrivateHosts, fetch: fetchOptions });
    return checkRegistryKey(preview.url, preview.discovery, input.apiKey, { allowPrivate: allowPrivateHosts, fetch: fetchOptions });
  }
  const row = await db().registry.findFirst({ where: { id: input.registryId, orgId: session.orgId } });
  if (!row) throw notFound("Registry");
  const apiKey = input.apiKey ?? openApiKey(row);
  if (!apiKey) throw new AppError("VALIDATION_FAILED", `${row.name} has no API key stored: enter one to test.`, "apiKey");
  const discovery = (row.discovery as unknown as DiscoverySummary | null) ?? null;
  return checkRegistryKey(row.url, discovery, apiKey, { allowPrivate: allowPrivateHosts, fetch: fetchOptions });
}

/** Discovers the registry (again: the preview is not trusted) and adds it last in priority order. */
export async function createRegistry(
  session: Principal,
  input: CreateRegistryInput,
  audit: AuditContext,
  fetchOptions?: DiscoveryFetchOptions,
): Promise<RegistryView> {
  const preview = await previewRegistry(session, input.url, fetchOptions);
  const keyCheck = input.apiKey
    ? await keyCheckOutcome(preview.url, preview.discovery, input.apiKey, input.saveUnchecked, session.orgId, fetchOptions)
    : null;
  await ensurePublicRegistry(session.orgId);
  return inRegistryTransaction(session.orgId, async (tx) => {
    const rows = await loadRegistries(tx, session.orgId);
    const existing = rows.find((row) => row.url === preview.url);
    if (existing) throw new AppError("CONFLICT", `${preview.url} is already in the list as ${existing.name}.`, "url");
    const name = input.name ?? preview.discovery.name.slice(0, 64);
    const scopes = input.scopes ?? [];
    assertNameFree(rows, name);
    assertScopesFree(rows, scopes);
    if (input.upstreamId) assertUpstreamValid(rows, "", input.upstreamId);

    const created = await tx.registry.create({
      data: {
        orgId: session.orgId,
        name,
        url: preview.url,
        apiBase: preview.discovery.apiBase,
        discovery: preview.discovery as unknown as Prisma.InputJsonObject,
        discoveredAt: new Date(),
        priority: rows.length,
        scopes,
        upstreamId: input.upstreamId ?? null,
      },
    });
    const keyColumns = input.apiKey ? sealedApiKeyColumns(session.orgId, created.id, input.apiKey) : null;
    if (keyColumns) await tx.registry.update({ where: { id: created.id }, data: keyColumns });
    await recordAudit(tx, audit, {
      action: "registry.create",
      targetType: "registry",
      targetId: created.id,
      metadata: {
        name,
        url: preview.url,
        apiBase: preview.discovery.apiBase,
        scopes,
        upstreamId: input.upstreamId ?? null,
        apiKey: keyColumns?.apiKeyHint ?? null,
        ...(keyCheck ? { keyCheck } : {}),
      },
    });
    return reload(tx, created.id);
  });
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/** Renames, re-scopes, re-links or replaces the key of a registry. Fields left out stay as they are. */
export async function updateRegistry(
  session: Principal,
  id: string,
  input: UpdateRegistryInput,
  audit: AuditContext,
  fetchOptions?: DiscoveryFetchOptions,
): Promise<RegistryView> {
  requirePermission(session, "registries:write");
  await ensurePublicRegistry(session.orgId);
  let keyCheck: "passed" | "skipped" | null = null;
  if (typeof input.apiKey === "string") {
    const current = await db().registry.findFirst({ where: { id, orgId: session.orgId } });
    if (!current) throw notFound("Registry");
    const discovery = (current.discovery as unknown as DiscoverySummary | null) ?? null;
    keyCheck = await keyCheckOutcome(current.url, discovery, input.apiKey, input.saveUnchecked, session.orgId, fetchOptions);
  }
  return inRegistryTransaction(session.orgId, async (tx) => {
    const rows = await loadRegistries(tx, session.orgId);
    const row = findIn(rows, id);
    const data: Prisma.RegistryUncheckedUpdateInput = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};

    if (input.name !== undefined && input.name !== row.name) {
      assertNameFree(rows, input.name, id);
      data.name = input.name;
      changes.name = { from: row.name, to: input.name };
    }
    if (input.scopes !== undefined && !sameList(input.scopes, row.scopes)) {
      assertScopesFree(rows, input.scopes, id);
      data.scopes = input.scopes;
      changes.scopes = { from: row.scopes, to: input.scopes };
    }
    if (input.upstreamId !== undefined && input.upstreamId !== row.upstreamId) {
      if (input.upstreamId !== null) assertUpstreamValid(rows, id, input.upstreamId);
      data.upstreamId = input.upstreamId;
      const nameOf = (upstreamId: string | null) => rows.find((other) => other.id === upstreamId)?.name ?? null;
      changes.upstream = { from: nameOf(row.upstreamId), to: nameOf(input.upstreamId) };
    }
    if (Object.keys(changes).length > 0) {
      await tx.registry.update({ where: { id }, data });
      await recordAudit(tx, audit, {
        action: "registry.update",
        targetType: "registry",
        targetId: id,
        metadata: { name: row.name, changes },
      });
    }

    if (input.apiKey !== undefined) {
      if (input.apiKey === null) {
        if (row.apiKeyHint !== null) {
          await tx.registry.update({ where: { id }, data: clearedApiKeyColumns });
          await recordAudit(tx, audit, {
            action: "registry.key_remove",
            targetType: "registry",
            targetId: id,
            metadata: { name: row.name, previous: row.apiKeyHint },
          });
        }
      } else {
        const keyColumns = sealedApiKeyColumns(session.orgId, id, input.apiKey);
        await tx.registry.update({ where: { id }, data: keyColumns });
        await recordAudit(tx, audit, {
          action: "registry.key_replace",
          targetType: "registry",
          targetId: id,
          metadata: { name: row.name, previous: row.apiKeyHint, current: keyColumns.apiKeyHint, keyCheck },
        });
      }
    }
    return reload(tx, id);
  });
}

/** Makes the registry the default; the previous default stops being one in the same transaction. */
export async function setDefaultRegistry(session: Principal, id: string, audit: AuditContext): Promise<RegistryView> {
  requirePermission(session, "registries:write");
  await ensurePublicRegistry(session.orgId);
  return inRegistryTransaction(session.orgId, async (tx) => {
    const rows = await loadRegistries(tx, session.orgId);
    const row = findIn(rows, id);
    if (row.isDefault) return toRegistryView(row);
    const previous = rows.find((other) => other.isDefault) ?? null;
    // Clear first: the partial unique index allows one default at any moment.
    await tx.registry.updateMany({ where: { orgId: session.orgId, isDefault: true }, data: { isDefault: false } });
    await tx.registry.update({ where: { id }, data: { isDefault: true } });
    await recordAudit(tx, audit, {
      action: "registry.set_default",
      targetType: "registry",
      targetId: id,
      metadata: { name: row.name, previousDefault: previous ? { id: previous.id, name: previous.name } : null },
    });
    return reload(tx, id);
  });
}

/** Puts the registries in the given order. `ids` must list every registry of the organisation once. */
export async function reorderRegistries(session: Principal, ids: string[], audit: AuditContext): Promise<RegistryView[]> {
  requirePermission(session, "registries:write");
  await ensurePublicRegistry(session.orgId);
  return inRegistryTransaction(session.orgId, async (tx) => {
    const rows = await loadRegistries(tx, session.orgId);
    const known = new Set(rows.map((row) => row.id));
    if (ids.length !== rows.length || !ids.every((id) => known.has(id))) {
      throw new AppError("CONFLICT", "The list of registries changed since it was loaded. Reload and try again.", "ids");
    }
    const ordered = ids.map((id) => findIn(rows, id));
    if (ordered.some((row, index) => row.id !== rows[index]!.id)) {
      await writePriorities(tx, ordered);
      await recordAudit(tx, audit, {
        action: "registry.reorder",
        targetType: "registry",
        targetId: null,
        metadata: { from: rows.map((row) => row.name), to: ordered.map((row) => row.name) },
      });
    }
    return (await loadRegistries(tx, session.orgId)).map(toRegistryView);
  });
}

/** Deletes a registry. The default, the built-in public registry and anyone's upstream stay. */
export async function deleteRegistry(session: Principal, id: string, audit: AuditContext): Promise<void> {
  requirePermission(session, "registries:delete");
  await ensurePublicRegistry(session.orgId);
  await inRegistryTransaction(session.orgId, async (tx) => {
    const rows = await loadRegistries(tx, session.orgId);
    const row = findIn(rows, id);
    if (row.builtIn) {
      throw new AppError("CONFLICT", `${row.name} is built in and cannot be deleted. Move it down the list instead.`);
    }
    if (row.isDefault) {
      throw new AppError("CONFLICT", `${row.name} is the default registry. Make another registry the default first.`);
    }
    const downstreams = rows.filter((other) => other.upstreamId === id).map((other) => other.name);
    if (downstreams.length > 0) {
      throw new AppError("CONFLICT", `${row.name} is the upstream of ${downstreams.join(", ")}. Remove it as their upstream first.`);
    }
    await tx.registry.delete({ where: { id } });
    await writePriorities(
      tx,
      rows.filter((other) => other.id !== id),
    );
    await recordAudit(tx, audit, {
      action: "registry.delete",
      targetType: "registry",
      targetId: id,
      metadata: { name: row.name, url: row.url, scopes: row.scopes, apiKey: row.apiKeyHint },
    });
  });
}
