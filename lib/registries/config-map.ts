import { Document, isMap } from "yaml";
import type { ConfigEntry } from "./config-file";

// The map format the prompd CLI and desktop app read, inside a file that also holds their other
// settings (LLM provider keys…):
//
//   registry:
//     default: company
//     registries:
//       company:
//         url: https://registry.company.com
//         api_key: prmd_xxx        # or `token`
//         username: alice          # read by the clients, not stored by Keysmith
//   scopes:
//     "@company": company
//
// Map order is priority. Keysmith adds `upstream: <name>` inside an entry, as in the list format.

export type ConfigFormat = "list" | "map";
export const CONFIG_FORMATS = ["list", "map"] as const;

type Plain = Record<string, unknown>;
const isPlainObject = (value: unknown): value is Plain => typeof value === "object" && value !== null && !Array.isArray(value);

/** "map" when the file has a `registry:` mapping with `registries:` or `default:`, "list" otherwise (the list format's own errors explain the rest). */
export function detectConfigFormat(value: unknown): ConfigFormat {
  if (!isPlainObject(value) || Array.isArray(value.registries)) return "list";
  return isPlainObject(value.registry) ? "map" : "list";
}

/**
 * The map format as the list format's value (for one validation), with the way back from a list
 * path ("registries", 2, "url") to the node in the file ("registry", "registries", "company", "url").
 */
export function mapToListShape(value: Plain): { value: unknown; pathInFile: (path: PropertyKey[]) => PropertyKey[] } {
  const registry = value.registry as Plain;
  const registries = isPlainObject(registry.registries) ? registry.registries : {};
  const scopes = isPlainObject(value.scopes) ? value.scopes : {};
  const names = Object.keys(registries);
  const list = names.map((name) => {
    const entry = isPlainObject(registries[name]) ? registries[name] : {};
    const scopesOfEntry = Object.entries(scopes)
      .filter(([, target]) => target === name)
      .map(([scope]) => scope);
    return {
      name,
      url: entry.url,
      ...(entry.api_key != null || entry.token != null ? { api_key: entry.api_key ?? entry.token } : {}),
      ...(scopesOfEntry.length > 0 ? { scopes: scopesOfEntry } : {}),
      ...(registry.default === name ? { default: true } : {}),
      ...(entry.upstream != null ? { upstream: entry.upstream } : {}),
    };
  });
  const pathInFile = (path: PropertyKey[]): PropertyKey[] => {
    const [first, index, field] = path;
    if (first !== "registries") return ["registry", ...path];
    if (typeof index !== "number" || names[index] === undefined) return ["registry", "registries"];
    const name = names[index]!;
    if (field === "scopes") return ["scopes"];
    if (field === "default") return ["registry", "default"];
    if (field === "name") return ["registry", "registries", name];
    if (field === "api_key" && (registries[name] as Plain | undefined)?.api_key == null) return ["registry", "registries", name, "token"];
    return field === undefined ? ["registry", "registries", name] : ["registry", "registries", name, field];
  };
  const knownDefault = registry.default === undefined || names.includes(registry.default as string);
  return { value: { registries: list, ...(knownDefault ? {} : { defaultName: registry.default }) }, pathInFile };
}

/** Writes the entries into `document` in the map format; keys Keysmith does not own stay as they are. */
export function writeMapFormat(document: Document, entries: ConfigEntry[]): void {
  if (!isMap(document.contents)) document.contents = document.createNode({}) as never;
  if (!isMap(document.get("registry"))) document.set("registry", document.createNode({}));
  if (!isMap(document.getIn(["registry", "registries"]))) document.setIn(["registry", "registries"], document.createNode({}));
  const registries = document.getIn(["registry", "registries"]) as ReturnType<Document["createNode"]> & { items: { key: unknown }[] };
  const exported = new Set(entries.map((entry) => entry.name));
  const keyOf = (item: { key: unknown }) => String((item.key as { value?: unknown })?.value ?? item.key);
  for (const entry of entries) {
    renameByUrl(document, entry);
    const path = ["registry", "registries", entry.name];
    if (!isMap(document.getIn(path))) document.setIn(path, document.createNode({}));
    document.setIn([...path, "url"], entry.url);
    if (entry.apiKey) {
      document.setIn([...path, "api_key"], entry.apiKey);
      document.deleteIn([...path, "token"]);
    }
    if (entry.upstreamName) document.setIn([...path, "upstream"], entry.upstreamName);
    else document.deleteIn([...path, "upstream"]);
  }
  // Keysmith's registries first, in priority order; entries it does not know keep their order after them.
  if (isMap(registries)) {
    const position = new Map(entries.map((entry, index) => [entry.name, index]));
    registries.items.sort((a, b) => (position.get(keyOf(a)) ?? entries.length) - (position.get(keyOf(b)) ?? entries.length));
  }
  const fallback = entries.find((entry) => entry.isDefault);
  if (fallback) document.setIn(["registry", "default"], fallback.name);
  if (!isMap(document.get("scopes"))) document.set("scopes", document.createNode({}));
  for (const entry of entries) for (const scope of entry.scopes) document.setIn(["scopes", scope], entry.name);
  // A scope mapped to a registry Keysmith exports but no longer gives that scope is Keysmith's to remove.
  const scopes = document.get("scopes");
  if (isMap(scopes)) {
    scopes.items = scopes.items.filter((item) => {
      const scope = String((item.key as { value?: unknown })?.value ?? item.key);
      const target = String((item.value as { value?: unknown })?.value ?? item.value);
      return !exported.has(target) || entries.some((entry) => entry.name === target && entry.scopes.includes(scope));
    });
  }
  for (const entry of entries) {
    const item = document.getIn(["registry", "registries", entry.name], true) as { commentBefore?: string } | undefined;
    const hasKey =
      document.hasIn(["registry", "registries", entry.name, "api_key"]) || document.hasIn(["registry", "registries", entry.name, "token"]);
    if (item && !entry.apiKey && entry.apiKeyMask && !hasKey)
      item.commentBefore = ` api_key ${entry.apiKeyMask} not included (export with secrets to include it)`;
  }
}

/** A registry renamed in Keysmith: its entry in the file (found by URL) takes the new name, and the scopes and default that named it follow. */
function renameByUrl(document: Document, entry: ConfigEntry): void {
  const registries = document.getIn(["registry", "registries"]);
  if (!isMap(registries) || registries.has(entry.name)) return;
  const pair = registries.items.find((item) => isMap(item.value) && String(item.value.get("url")) === entry.url);
  if (!pair) return;
  const oldName = String((pair.key as { value?: unknown })?.value ?? pair.key);
  pair.key = document.createNode(entry.name);
  const scopes = document.get("scopes");
  if (isMap(scopes))
    for (const item of scopes.items)
      if (String((item.value as { value?: unknown })?.value ?? item.value) === oldName) item.value = document.createNode(entry.name);
  if (document.getIn(["registry", "default"]) === oldName) document.setIn(["registry", "default"], entry.name);
}
