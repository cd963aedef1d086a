import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { createKey } from "@/lib/keys/service";
import type { ExportOptions } from "@/lib/validations/registries";
import { openApiKey, sealedApiKeyColumns } from "./api-key";
import { ConfigFileError, parseConfigYaml, type ConfigEntry, type ImportEntry } from "./config-file";
import { writeConfigFile } from "./config-write";
import { upstreamLoop } from "./rules";
import { ensurePublicRegistry, inRegistryTransaction, loadRegistries, writePriorities, type RegistryRow, type Tx } from "./store";
import type { ImportIssue, ImportSummary } from "./view";

// Export and import of config.yaml.
//
// Export policy: by default the file has no secrets — an entry with a stored upstream key
// gets a comment with its mask instead. Owners and admins signed in to the dashboard may ask for
// the clear keys (includeSecrets, permission registries:secrets, which no API key holds); that
// export is recorded in the audit trail. A caller with keys:write may also mint a fresh Keysmith
// key into the file, as the api_key of one registry: created like any key (reader role, an
// expiry within the policy, the caller's bounds), it exists only in that download.
//
// Import merges by URL in one transaction: entries for known URLs update those
// registries, new URLs are added (without discovery: the file is trusted as configuration,
// and Keysmith never fetches these URLs). The file's order becomes the priority order,
// registries it does not mention keep theirs after it. An entry without api_key keeps the
// stored key. Any problem and nothing changes.

export interface ConfigExport {
  fileName: string;
  content: string;
  /** The Keysmith key minted into the file, if one was asked for (its raw value is only in `content`). */
  mintedKey: { id: string; name: string; prefix: string; registryName: string } | null;
}

export const CONFIG_FILE_NAME = "config.yaml";
/** The lifetime of a key minted into an export when none is chosen. */
export const MINTED_KEY_DEFAULT_DAYS = 90;

export async function exportRegistries(
  session: Principal,
  options: ExportOptions,
  audit: AuditContext,
  orgName: string,
): Promise<ConfigExport> {
  if (options.includeSecrets) requirePermission(session, "registries:secrets");
  if (options.mintKeyFor) requirePermission(session, "keys:write");
  await ensurePublicRegistry(session.orgId);
  const rows = await loadRegistries(db(), session.orgId);

  let minted: ConfigExport["mintedKey"] = null;
  let mintedRaw: string | null = null;
  if (options.mintKeyFor) {
    const target = rows.find((row) => row.id === options.mintKeyFor);
    if (!target) throw notFound("Registry");
    const created = await createKey(
      session,
      {
        name: `config.yaml: ${target.name}`.slice(0, 64),
        role: "reader",
        expiresInDays: options.mintKeyExpiresInDays ?? MINTED_KEY_DEFAULT_DAYS,
      },
      audit,
    );
    minted = { id: created.key.id, name: created.key.name, prefix: created.key.prefix, registryName: target.name };
    mintedRaw = created.rawKey;
  }

  const entries: ConfigEntry[] = rows.map((row) => ({
    name: row.name,
    url: row.url,
    apiKey: row.id === options.mintKeyFor ? mintedRaw : options.includeSecrets ? openApiKey(row) : null,
    apiKeyMask: row.apiKeyHint,
    scopes: row.scopes,
    isDefault: row.isDefault,
    upstreamName: row.upstream?.name ?? null,
  }));
  const header = [
    `Package registries of ${orgName}, exported from Keysmith on ${new Date().toISOString()}.`,
    "Order is priority: scoped registries serve their scopes, then the first registry without scopes wins.",
    ...(options.includeSecrets || minted ? ["This file contains API keys. Keep it private (chmod 600)."] : []),
    ...(minted ? [`The api_key of ${minted.registryName} is a new Keysmith key (${minted.prefix}…) that exists only in this file.`] : []),
  ];
  const { content } = writeConfigFile(entries, header, { format: options.format, mergeInto: options.mergeInto });

  await db().$transaction((tx) =>
    recordAudit(tx, audit, {
      action: "registry.export",
      targetType: "registry",
      targetId: null,
      metadata: {
        registries: rows.length,
        includeSecrets: options.includeSecrets,
        ...(options.format ? { format: options.format } : {}),
        ...(options.mergeInto !== undefined ? { mergedIntoExistingFile: true } : {}),
        mintedKey: minted ? { id: minted.id, prefix: minted.prefix, registry: minted.registryName } : null,
      },
    }),
  );
  return { fileName: CONFIG_FILE_NAME, content, mintedKey: minted };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, index) => value === b[index]);
const lower = (name: string) => name.toLocaleLowerCase("en");

interface PlannedRegistry {
  entry: ImportEntry | null;
  row: RegistryRow | null;
  index: number | null;
  name: string;
  scopes: string[];
  /** File entries name their upstream; registries the file leaves alone keep theirs by id (its name may change). */
  upstream: { name: string } | { id: string } | null;
}

/** The final list after the merge, or the problems that stop it, with file lines. */
function planImport(rows: RegistryRow[], entries: ImportEntry[]): PlannedRegistry[] {
  const byUrl = new Map(rows.map((row) => [row.url, row]));
  const issues: ImportIssue[] = [];
  const fromFile: PlannedRegistry[] = entries.map((entry, index) => ({
    entry,
    row: byUrl.get(entry.url) ?? null,
    index,
    name: entry.name,
    scopes: entry.scopes,
    upstream: entry.upstream === null ? null : { name: entry.upstream },
  }));
  const mentioned = new Set(fromFile.map((planned) => planned.row?.id).filter(Boolean));
  const kept: PlannedRegistry[] = rows
    .filter((row) => !mentioned.has(row.id))
    .map((row) => ({
      entry: null,
      row,
      index: null,
      name: row.name,
      scopes: row.scopes,
      upstream: row.upstreamId ? { id: row.upstreamId } : null,
    }));
  const planned = [...fromFile, ...kept];

  const at = (item: PlannedRegistry, key: keyof ImportEntry["lines"], message: string) =>
    issues.push({
      line: item.entry?.lines[key] ?? item.entry?.line ?? null,
      column: null,
      field: `registries.${item.index}.${key}`,
      message,
    });
  for (const item of fromFile) {
    const nameClash = kept.find((other) => lower(other.name) === lower(item.name));
    if (nameClash) at(item, "name", `"${item.name}" is the name of another registry (${nameClash.row!.url}); names must be unique.`);
    for (const scope of item.scopes) {
      const owner = kept.find((other) => other.scopes.includes(scope));
      if (owner) at(item, "scopes", `${scope} is already served by ${owner.name}; a scope belongs to one registry.`);
    }
    if (item.entry?.upstream && upstreamPosition(planned, item) === null) {
      at(item, "upstream", `No registry named "${item.entry.upstream}" in the file or the organisation.`);
    }
  }
  if (issues.length === 0) {
    // Positions stand in for ids, which new registries do not have yet.
    const links = planned.map((item, position) => ({
      id: String(position),
      name: item.name,
      scopes: item.scopes,
      upstreamId: upstreamPosition(planned, item),
    }));
    for (const [position, item] of fromFile.entries()) {
      const upstream = links[position]!.upstreamId;
      const loop = upstream === null ? null : upstreamLoop(links, String(position), upstream);
      if (loop) {
        at(item, "upstream", `This upstream makes a loop: ${loop}.`);
        break;
      }
    }
  }
  if (issues.length > 0) throw new ConfigFileError(issues.slice(0, 20));
  return planned;
}

function upstreamPosition(planned: PlannedRegistry[], item: PlannedRegistry): string | null {
  const wanted = item.upstream;
  if (wanted === null) return null;
  const position =
    "id" in wanted
      ? planned.findIndex((other) => other.row?.id === wanted.id)
      : planned.findIndex((other) => lower(other.name) === lower(wanted.name));
  return position === -1 ? null : String(position);
}

/** Imports a config.yaml (all or nothing). */
export async function importRegistries(session: Principal, text: string, audit: AuditContext): Promise<ImportSummary> {
  requirePermission(session, "registries:write");
  const entries = parseConfigYaml(text);
  await ensurePublicRegistry(session.orgId);
  return inRegistryTransaction(session.orgId, async (tx) => {
    const rows = await loadRegistries(tx, session.orgId);
    const planned = planImport(rows, entries);
    const summary: ImportSummary = { created: [], updated: [], untouched: [] };
    const fileDefault = entries.findIndex((entry) => entry.isDefault);

    // Rows first (without links or defaults), so every upstream can point at an id.
    const ids: string[] = [];
    for (const item of planned) {
      if (!item.entry) {
        ids.push(item.row!.id);
        summary.untouched.push(item.name);
        continue;
      }
      const entry = item.entry;
      if (!item.row) {
        const created = await tx.registry.create({
          data: { orgId: session.orgId, name: entry.name, url: entry.url, scopes: entry.scopes, priority: rows.length + ids.length },
        });
        if (entry.apiKey)
          await tx.registry.update({ where: { id: created.id }, data: sealedApiKeyColumns(session.orgId, created.id, entry.apiKey) });
        ids.push(created.id);
        summary.created.push(entry.name);
        continue;
      }
      const row = item.row;
      const changed =
        row.name !== entry.name ||
        !sameList(row.scopes, entry.scopes) ||
        (row.upstream?.name ?? null) !== entry.upstream ||
        entry.apiKey !== undefined ||
        (fileDefault !== -1 && row.isDefault !== entry.isDefault);
      await tx.registry.update({
        where: { id: row.id },
        data: { name: entry.name, scopes: entry.scopes, ...(entry.apiKey ? sealedApiKeyColumns(session.orgId, row.id, entry.apiKey) : {}) },
      });
      ids.push(row.id);
      (changed ? summary.updated : summary.untouched).push(entry.name);
    }
    await applyLinksAndOrder(tx, session.orgId, planned, ids, fileDefault === -1 ? null : ids[fileDefault]!);

    await recordAudit(tx, audit, {
      action: "registry.import",
      targetType: "registry",
      targetId: null,
      metadata: {
        created: summary.created,
        updated: summary.updated,
        untouched: summary.untouched,
        default: fileDefault === -1 ? null : entries[fileDefault]!.name,
        apiKeys: entries.filter((entry) => entry.apiKey).map((entry) => entry.name),
      },
    });
    return summary;
  });
}

async function applyLinksAndOrder(tx: Tx, orgId: string, planned: PlannedRegistry[], ids: string[], defaultId: string | null) {
  for (const [position, item] of planned.entries()) {
    if (!item.entry) continue;
    const upstream = upstreamPosition(planned, item);
    await tx.registry.update({ where: { id: ids[position]! }, data: { upstreamId: upstream === null ? null : ids[Number(upstream)]! } });
  }
  if (defaultId) {
    await tx.registry.updateMany({ where: { orgId, isDefault: true, NOT: { id: defaultId } }, data: { isDefault: false } });
    await tx.registry.update({ where: { id: defaultId }, data: { isDefault: true } });
  }
  const current = await tx.registry.findMany({ where: { orgId }, select: { id: true, priority: true } });
  const priorityOf = new Map(current.map((row) => [row.id, row.priority]));
  await writePriorities(
    tx,
    ids.map((id) => ({ id, priority: priorityOf.get(id)! })),
  );
  if (!(await tx.registry.findFirst({ where: { orgId, isDefault: true } }))) {
    throw new AppError("CONFLICT", "The import would leave no default registry.");
  }
}
