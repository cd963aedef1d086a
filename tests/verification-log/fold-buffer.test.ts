import { describe, expect, it } from "vitest";
import { FoldBuffer } from "@/lib/verification-log/fold-buffer";
import type { VerificationLogEntry } from "@/lib/verification-log/writer";
import { validLogEntry } from "../support/log-entry";

// The fold itself, without a database: which entries become one row, and in what order rows leave.
// The writer's own tests (log.test.ts) cover the window, the capacity and the written columns.

const base = validLogEntry();

function append(buffer: FoldBuffer, entry: VerificationLogEntry): void {
  if (!buffer.fold(entry)) buffer.add(entry);
}

describe("FoldBuffer", () => {
  it("folds equal values, not only the same objects: a user agent and scopes read afresh for each request", () => {
    const buffer = new FoldBuffer();
    append(buffer, base);
    append(buffer, { ...base, userAgent: ["svc", "1.0"].join("/"), scopes: ["packages:read"], latencyMs: 2 });
    expect(buffer.take()).toEqual([{ ...base, latencyMs: 2, count: 2 }]);
    expect(buffer.size).toBe(0);
  });

  it("keeps rows of different keys apart, whichever field names the key", () => {
    const buffer = new FoldBuffer();
    const unknown = { ...base, orgId: null, keyRowId: null, code: "NOT_FOUND" };
    const entries = [
      base,
      { ...base, keyRowId: "0190a6d2-0000-7000-8000-000000000002" },
      unknown,
      { ...unknown, keyId: "otherKeyId00" },
      // A key row id equal to another entry's key id names a different key: still its own row.
      { ...base, keyRowId: "7GbX2kQp9LmN", keyId: "7GbX2kQp9LmN" },
      { ...base, keyRowId: null, keyId: null, code: "MALFORMED" },
    ];
    for (const entry of [...entries, ...entries]) append(buffer, entry);
    expect(buffer.take()).toEqual(entries.map((entry) => ({ ...entry, count: 2 })));
  });

  it("folds one key's many variants exactly, past the rows it compares one by one, in first-seen order", () => {
    const buffer = new FoldBuffer();
    const variants: VerificationLogEntry[] = [];
    for (let i = 0; i < 60; i++) variants.push({ ...base, ip: `203.0.113.${i}` });
    variants.push({ ...base, userAgent: null }, { ...base, scopes: [] }, { ...base, cost: 3 }, { ...base, code: "RATE_LIMITED" });
    // Each variant three times, the rounds interleaved: every lookup after the first round must find its row.
    for (let round = 0; round < 3; round++) for (const entry of variants) append(buffer, { ...entry, latencyMs: round });
    const rows = buffer.take();
    expect(rows).toEqual(variants.map((entry) => ({ ...entry, latencyMs: 2, count: 3 })));
  });
});
