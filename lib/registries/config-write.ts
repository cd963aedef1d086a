import { Document, isMap, isScalar, isSeq, parseDocument, YAMLMap } from "yaml";
import { buildConfigYaml, CONFIG_FILE_MAX_BYTES, ConfigFileError, type ConfigEntry } from "./config-file";
import { detectConfigFormat, writeMapFormat, type ConfigFormat } from "./config-map";

// Writing config.yaml in either format, fresh or merged into a file the user already has. A merge
// changes only what Keysmith owns — its registries' name, url, api_key (when exported), scopes,
// default and upstream — and keeps every other key, comment and unknown registry.

export interface WriteOptions {
  /** Default: the existing file's format when merging, else "list". */
  format?: ConfigFormat;
  /** The existing config.yaml to merge into. */
  mergeInto?: string;
}

const scalarValue = (node: unknown) => (isScalar(node) ? node.value : node);

function parseExisting(text: string): Document {
  const refuse = (message: string) => new ConfigFileError([{ line: null, column: null, field: "mergeInto", message }]);
  if (Buffer.byteLength(text) > CONFIG_FILE_MAX_BYTES)
    throw refuse(`The file to merge into must be at most ${CONFIG_FILE_MAX_BYTES / 1024} KiB.`);
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) throw refuse(`The file to merge into is not valid YAML: ${document.errors[0]!.message.split("\n")[0]}`);
  if (document.contents !== null && !isMap(document.contents)) throw refuse("The file to merge into must be a YAML mapping.");
  return document;
}

/** The list format written into `document`: entries matched by URL or name keep their other keys. */
function writeListFormat(document: Document, entries: ConfigEntry[]): void {
  if (!isMap(document.contents)) document.contents = document.createNode({}) as never;
  if (!isSeq(document.get("registries"))) document.set("registries", document.createNode([]));
  const list = document.get("registries") as ReturnType<typeof document.createNode> & { items: unknown[] };
  const items = (list as unknown as { items: unknown[] }).items;
  const lower = (value: unknown) => String(value ?? "").toLocaleLowerCase("en");
  const placed: unknown[] = [];
  for (const entry of entries) {
    let item = items.find(
      (candidate) =>
        isMap(candidate) &&
        !placed.includes(candidate) &&
        (scalarValue(candidate.get("url", true)) === entry.url || lower(scalarValue(candidate.get("name", true))) === lower(entry.name)),
    );
    if (!isMap(item)) item = document.createNode({}) as YAMLMap;
    const map = item as YAMLMap;
    map.set("name", entry.name);
    map.set("url", entry.url);
    if (entry.apiKey) map.set("api_key", entry.apiKey);
    if (entry.scopes.length > 0) {
      const scopes = document.createNode(entry.scopes);
      if (isSeq(scopes)) scopes.flow = true;
      map.set("scopes", scopes);
    } else map.delete("scopes");
    if (entry.isDefault) map.set("default", true);
    else map.delete("default");
    if (entry.upstreamName) map.set("upstream", entry.upstreamName);
    else map.delete("upstream");
    placed.push(map);
  }
  const others = items.filter((item) => !placed.includes(item));
  // One default: Keysmith's, when it exports one.
  if (entries.some((entry) => entry.isDefault)) for (const other of others) if (isMap(other)) other.delete("default");
  (list as unknown as { items: unknown[] }).items = [...placed, ...others];
}

/** config.yaml content for the entries, in the chosen format, fresh or merged. */
export function writeConfigFile(
  entries: ConfigEntry[],
  header: string[],
  options: WriteOptions = {},
): { content: string; format: ConfigFormat } {
  if (options.mergeInto === undefined || options.mergeInto.trim() === "") {
    const format = options.format ?? "list";
    if (format === "list") return { content: buildConfigYaml(entries, header), format };
    const document = new Document({});
    writeMapFormat(document, entries);
    document.commentBefore = header.map((line) => ` ${line}`).join("\n");
    return { content: document.toString({ flowCollectionPadding: false, lineWidth: 0 }), format };
  }
  const document = parseExisting(options.mergeInto);
  const format = options.format ?? detectConfigFormat(document.toJS({ maxAliasCount: 0 }));
  if (format === "map") writeMapFormat(document, entries);
  else writeListFormat(document, entries);
  return { content: document.toString({ flowCollectionPadding: false, lineWidth: 0 }), format };
}
