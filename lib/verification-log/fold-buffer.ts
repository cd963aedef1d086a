import { NULL, SEPARATORS, FIELD } from "@/lib/db/text-array";
import type { VerificationLogEntry, VerificationLogRow } from "./writer";

// One write window of the verification log: identical outcomes (same organisation, key, code,
// address, user agent, scopes and cost) fold into one row with a count. Rows are found by the key
// they name, then compared field by field: a key's window rarely holds more than a row or two.
// Building a string of every field per verification to fold by cost ~1.3 µs in V8 (the string
// joined, flattened and hashed), and a copy of the entry by spread another ~1.2 µs; with 10,000
// keys in round robin that, and the strings kept a second, was ~4 µs of the verify server's CPU
// per verification (`npm run bench:cpu`). Past SCAN_LIMIT rows for one key (many addresses or
// user agents at once), the key's rows are found by that string instead, so a flood of variety
// on one key costs a hash per entry, never a scan of thousands.

const SCAN_LIMIT = 16;
/** Stands in for an absent organisation or key row in a fold string: as long as a UUID, never one. */
const NO_ID = "-".repeat(36);

interface KeyRows {
  rows: VerificationLogRow[];
  /** Built once `rows` reaches SCAN_LIMIT: the same rows by foldString. */
  byFold?: Map<string, VerificationLogRow>;
}

/** What identical entries share: everything but time and latency. */
function foldString(entry: VerificationLogEntry): string {
  const userAgent = entry.userAgent === null ? NULL : entry.userAgent.replace(SEPARATORS, " ");
  return `${entry.orgId ?? NO_ID}${FIELD}${entry.keyRowId ?? NO_ID}${FIELD}${entry.keyId ?? NULL}${FIELD}${entry.code}${FIELD}${entry.ip ?? NULL}${FIELD}${userAgent}${FIELD}${entry.scopes.join(" ")}${FIELD}${entry.cost ?? NULL}`;
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function identical(row: VerificationLogRow, entry: VerificationLogEntry): boolean {
  return (
    row.keyRowId === entry.keyRowId &&
    row.keyId === entry.keyId &&
    row.code === entry.code &&
    row.ip === entry.ip &&
    row.orgId === entry.orgId &&
    row.userAgent === entry.userAgent &&
    row.cost === entry.cost &&
    sameScopes(row.scopes, entry.scopes)
  );
}

/** A new row of its own (explicit fields: a spread copies by the slow path). */
function rowOf(entry: VerificationLogEntry): VerificationLogRow {
  return {
    at: entry.at,
    orgId: entry.orgId,
    keyRowId: entry.keyRowId,
    keyId: entry.keyId,
    code: entry.code,
    ip: entry.ip,
    userAgent: entry.userAgent,
    scopes: entry.scopes,
    latencyMs: entry.latencyMs,
    cost: entry.cost,
    count: 1,
  };
}

export class FoldBuffer {
  /** The rows, in the order they were first seen (ids then follow time within a window). */
  private rows: VerificationLogRow[] = [];
  /** The same rows by the key they name: its row id, else the key id read from it. */
  private byKey = new Map<string, KeyRows>();

  get size(): number {
    return this.rows.length;
  }

  /** Folds the entry into an identical row; false when it has none (add it with `add`, if there is room). */
  fold(entry: VerificationLogEntry): boolean {
    const keyRows = this.byKey.get(entry.keyRowId ?? entry.keyId ?? "");
    if (!keyRows) return false;
    let row: VerificationLogRow | undefined;
    if (keyRows.byFold) row = keyRows.byFold.get(foldString(entry));
    else row = keyRows.rows.find((candidate) => identical(candidate, entry));
    if (!row) return false;
    row.count += 1;
    if (entry.latencyMs > row.latencyMs) row.latencyMs = entry.latencyMs;
    return true;
  }

  /** Adds an entry that `fold` did not take as a row of its own. */
  add(entry: VerificationLogEntry): void {
    const row = rowOf(entry);
    this.rows.push(row);
    const key = entry.keyRowId ?? entry.keyId ?? "";
    const keyRows = this.byKey.get(key);
    if (!keyRows) return void this.byKey.set(key, { rows: [row] });
    keyRows.rows.push(row);
    if (keyRows.byFold) keyRows.byFold.set(foldString(entry), row);
    else if (keyRows.rows.length === SCAN_LIMIT) keyRows.byFold = new Map(keyRows.rows.map((r) => [foldString(r), r]));
  }

  /** Hands over every row and starts empty. */
  take(): VerificationLogRow[] {
    const rows = this.rows;
    this.rows = [];
    this.byKey = new Map();
    return rows;
  }

  clear(): void {
    this.take();
  }
}
