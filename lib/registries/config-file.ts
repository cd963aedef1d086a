import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { registryNameSchema, registryUrlInputSchema, scopesSchema, upstreamApiKeySchema } from "@/lib/validations/registries";
import { detectConfigFormat, mapToListShape } from "./config-map";
import { normalizeRegistryUrl } from "./url";
import type { ImportIssue } from "./view";

// config.yaml, the file clients read their registries from:
//
//   registries:
//     - name: Company Private
//       url: https://registry.company.com
//       api_key: prmd_xxx
//       scopes: ["@company"]
//     - name: PrompdHub
//       url: https://registry.prompdhub.ai
//       default: true
//
// Order is priority. Keysmith adds `upstream: <name of another entry>` when a registry
// proxies to another; clients that do not know it can ignore it. Import also reads the prompd
// clients' map format (config-map.ts), detected from the file; writing either is config-write.ts.

export const CONFIG_FILE_MAX_BYTES = 64 * 1024;
const MAX_ISSUES = 20;

export interface ConfigEntry {
  name: string;
  url: string;
  /** The clear key (export with secrets or a minted key), or the mask for a comment. */
  apiKey: string | null;
  apiKeyMask: string | null;
  scopes: string[];
  isDefault: boolean;
  upstreamName: string | null;
}

export function buildConfigYaml(entries: ConfigEntry[], header: string[]): string {
  const registries = entries.map((entry) => ({
    name: entry.name,
    url: entry.url,
    ...(entry.apiKey ? { api_key: entry.apiKey } : {}),
    ...(entry.scopes.length > 0 ? { scopes: entry.scopes } : {}),
    ...(entry.isDefault ? { default: true } : {}),
    ...(entry.upstreamName ? { upstream: entry.upstreamName } : {}),
  }));
  const document = new Document({ registries });
  document.commentBefore = header.map((line) => ` ${line}`).join("\n");
  entries.forEach((entry, index) => {
    const scopes = document.getIn(["registries", index, "scopes"], true);
    // ["@company"], as clients write it.
    if (isSeq(scopes)) scopes.flow = true;
    if (!entry.apiKey && entry.apiKeyMask) {
      const item = document.getIn(["registries", index], true) as YamlNode;
      item.commentBefore = ` api_key ${entry.apiKeyMask} not included (export with secrets to include it)`;
    }
  });
  return document.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/** A config file entry, validated. `line` numbers are 1-based, for messages. */
export interface ImportEntry {
  name: string;
  url: string;
  /** Absent: keep the stored key (files exported without secrets have none). */
  apiKey: string | undefined;
  scopes: string[];
  isDefault: boolean;
  upstream: string | null;
  line: number | null;
  lines: Partial<Record<"name" | "url" | "api_key" | "scopes" | "default" | "upstream", number>>;
}

/** A config file that cannot be imported, with every problem found (up to 20) and its line. */
export class ConfigFileError extends AppError {
  constructor(readonly issues: ImportIssue[]) {
    const first = issues[0]!;
    const where = first.line ? `Line ${first.line}${first.field ? `, ${first.field}` : ""}: ` : first.field ? `${first.field}: ` : "";
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more ${issues.length === 2 ? "problem" : "problems"})` : "";
    super("VALIDATION_FAILED", `${where}${first.message}${more}`, first.field ?? undefined);
    this.name = "ConfigFileError";
  }
}

const entrySchema = z.strictObject({
  name: registryNameSchema,
  url: registryUrlInputSchema.transform((url, context) => {
    try {
      return normalizeRegistryUrl(url);
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof AppError ? error.message : "Not a valid URL." });
      return z.NEVER;
    }
  }),
  api_key: upstreamApiKeySchema
    .refine((key) => !key.includes("****"), "This is a masked key from an export without secrets: paste the real key or remove the line.")
    .nullish(),
  scopes: scopesSchema.nullish(),
  default: z.boolean({ error: "default must be true or false." }).nullish(),
  upstream: registryNameSchema.nullish(),
});

const fileSchema = z.object(
  {
    registries: z
      .array(entrySchema, { error: "registries must be a list of registries." })
      .min(1, "registries is empty.")
      .max(200, "At most 200 registries per file."),
  },
  { error: "The file must be a YAML mapping with a registries list." },
);

const fieldName = (path: PropertyKey[]) => path.map(String).join(".");

/** Parses and validates a config file. Throws ConfigFileError naming lines and fields. */
export function parseConfigYaml(text: string): ImportEntry[] {
  if (Buffer.byteLength(text) > CONFIG_FILE_MAX_BYTES) {
    throw new ConfigFileError([
      { line: null, column: null, field: null, message: `The file must be at most ${CONFIG_FILE_MAX_BYTES / 1024} KiB.` },
    ]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number | undefined) => {
    if (offset === undefined) return { line: null, column: null };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (document.errors.length > 0) {
    throw new ConfigFileError(
      document.errors.slice(0, MAX_ISSUES).map((error) => ({
        ...position(error.pos[0]),
        field: null,
        message: `Not valid YAML: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
      })),
    );
  }

  let value: unknown;
  try {
    // No aliases: a config file has no use for them, and they can expand exponentially.
    value = document.toJS({ maxAliasCount: 0 });
  } catch (error) {
    throw new ConfigFileError([{ line: null, column: null, field: null, message: `Not a usable YAML file: ${(error as Error).message}` }]);
  }
  // The map format is validated as the list it describes; paths lead back to its own nodes.
  let inFile = (path: PropertyKey[]) => path;
  const isMapFormat = detectConfigFormat(value) === "map";
  if (isMapFormat) {
    const shaped = mapToListShape(value as Record<string, unknown>);
    value = shaped.value;
    inFile = shaped.pathInFile;
  }

  /** The node at `path`, or the nearest ancestor that exists (a missing field points at its entry). */
  const rawOffset = (path: PropertyKey[], key?: string): number | undefined => {
    if (key !== undefined) {
      const parent = document.getIn(path as unknown[], true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
        if (pair && isScalar(pair.key)) return pair.key.range?.[0];
      }
    }
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth) as unknown[], true);
      if (node && typeof node === "object" && "range" in node) return (node as YamlNode).range?.[0];
    }
    return undefined;
  };
  /** The offset of a path of the list format's value (mapped to the map format's own nodes). */
  const offsetOf = (listPath: PropertyKey[], listKey?: string): number | undefined => {
    // In the map format an entry is a key ("company:"), so positions are those of keys.
    if (listKey === undefined && !isMapFormat) return rawOffset(listPath);
    const full = inFile(listKey === undefined ? listPath : [...listPath, listKey]);
    if (full.length === 0) return rawOffset(full);
    return rawOffset(full.slice(0, -1), String(full.at(-1)));
  };

  const result = fileSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigFileError(
      result.error.issues.slice(0, MAX_ISSUES).map((issue) => {
        if (issue.code === "unrecognized_keys") {
          const key = issue.keys[0]!;
          return {
            ...position(offsetOf(issue.path, key)),
            field: fieldName([...issue.path, key]),
            message: `Unknown field "${key}" (expected name, url, api_key, scopes, default, upstream).`,
          };
        }
        return { ...position(offsetOf(issue.path)), field: fieldName(inFile(issue.path)) || null, message: issue.message };
      }),
    );
  }

  const lineAt = (path: PropertyKey[]) => position(offsetOf(path)).line;
  const entries: ImportEntry[] = result.data.registries.map((entry, index) => {
    const lines: ImportEntry["lines"] = {};
    for (const key of ["name", "url", "api_key", "scopes", "default", "upstream"] as const) {
      const offset = offsetOf(["registries", index], key);
      if (offset !== undefined && entry[key] !== undefined) lines[key] = position(offset).line ?? undefined;
    }
    return {
      name: entry.name,
      url: entry.url,
      apiKey: entry.api_key ?? undefined,
      scopes: entry.scopes ?? [],
      isDefault: entry.default ?? false,
      upstream: entry.upstream ?? null,
      line: lineAt(["registries", index]),
      lines,
    };
  });
  const { defaultName } = value as { defaultName?: unknown };
  const issues = crossEntryIssues(entries).map((issue) => ({
    ...issue,
    field: issue.field && fieldName(inFile(issue.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)))),
  }));
  if (defaultName !== undefined) {
    issues.unshift({
      ...position(rawOffset(["registry"], "default")),
      field: "registry.default",
      message: `"${String(defaultName)}" is not one of the registries.`,
    });
  }
  if (issues.length > 0) throw new ConfigFileError(issues.slice(0, MAX_ISSUES));
  return entries;
}

/** Problems between entries: repeated names, URLs or scopes, several defaults, self-upstreams. */
function crossEntryIssues(entries: ImportEntry[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const issue = (index: number, key: keyof ImportEntry["lines"], message: string) =>
    issues.push({ line: entries[index]!.lines[key] ?? entries[index]!.line, column: null, field: `registries.${index}.${key}`, message });
  const names = new Map<string, number>();
  const urls = new Map<string, number>();
  const scopes = new Map<string, number>();
  let firstDefault: number | null = null;
  entries.forEach((entry, index) => {
    const name = entry.name.toLocaleLowerCase("en");
    if (names.has(name)) issue(index, "name", `The name "${entry.name}" is already used by entry ${names.get(name)! + 1}.`);
    else names.set(name, index);
    if (urls.has(entry.url)) issue(index, "url", `${entry.url} is already listed as entry ${urls.get(entry.url)! + 1}.`);
    else urls.set(entry.url, index);
    for (const scope of entry.scopes) {
      if (scopes.has(scope))
        issue(index, "scopes", `${scope} is already served by entry ${scopes.get(scope)! + 1}; a scope belongs to one registry.`);
      else scopes.set(scope, index);
    }
    if (entry.isDefault) {
      if (firstDefault !== null) issue(index, "default", `Only one registry can be the default; entry ${firstDefault + 1} already is.`);
      else firstDefault = index;
    }
    if (entry.upstream !== null && entry.upstream.toLocaleLowerCase("en") === name) {
      issue(index, "upstream", "A registry cannot be its own upstream.");
    }
  });
  return issues;
}
