import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { checksumOf, generateKey } from "@/lib/keys/format";
import { createKey } from "@/lib/keys/service";
import type { Verifier } from "@/lib/verify";
import { handleVerifyHttp } from "@/lib/verify/http";
import { pruneVerificationLog } from "@/lib/verification-log/retention";
import {
  allVerifications,
  listKeyVerifications,
  listVerifications,
  unknownKeyFailures,
  verificationCsvHeader,
  verificationCsvRows,
} from "@/lib/verification-log/query";
import { insertLogRows, VerificationLogWriter, type VerificationLogEntry, type VerificationLogRow } from "@/lib/verification-log/writer";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";
import { validLogEntry } from "../support/log-entry";

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;
let org: Org;
let verifier: Verifier;
beforeAll(async () => {
  org = await createOrgWithMembers();
  verifier = (await testVerifier({ redis: null })).verifier;
});

/** An entry of the test organisation's, with `overrides`: the writer's tests vary one field or two. */
const entryOf = (overrides: Partial<VerificationLogEntry> = {}): VerificationLogEntry => ({
  at: new Date(),
  orgId: org.orgId,
  keyRowId: null,
  keyId: null,
  code: "MALFORMED",
  ip: null,
  userAgent: null,
  scopes: [],
  latencyMs: 1,
  cost: null,
  ...overrides,
});

/** A writer that only flushes when told (no timer races in the assertions). */
const quietWriter = (capacity = 10_000) =>
  new VerificationLogWriter({ capacity, flushEveryMs: 3_600_000, batchRows: 1_000_000, flushAtRows: Infinity });

async function verifyOver(
  writer: VerificationLogWriter,
  body: unknown,
  ip: string,
  userAgent = "test-agent/1.0",
  headers: Record<string, string> = {},
) {
  return handleVerifyHttp({ headers: { "user-agent": userAgent, ...headers }, body: JSON.stringify(body), ip }, verifier, writer);
}

describe("the verification log", () => {
  it("logs every outcome with its code, key, address, user agent, scopes, cost and latency; the key's owner sees failures too", async () => {
    const writer = quietWriter();
    const key = await createKey(org.owner, { name: "logged", scopes: ["packages:read"], remaining: 1 });
    const wrongBody = `ks_live_sk_${key.key.keyId}_${generateKey().secret}`;
    const wrongSecret = wrongBody + checksumOf(wrongBody);
    await verifyOver(writer, { key: key.rawKey, scopes: ["packages:read"] }, "203.0.113.7");
    await verifyOver(writer, { key: key.rawKey, cost: 1 }, "203.0.113.7");
    await verifyOver(writer, { key: wrongSecret }, "198.51.100.9", "curl/8.0");
    await verifyOver(writer, { key: "ks_live_sk_nonsense" }, "198.51.100.9");
    await verifyOver(writer, { key: key.rawKey, cost: -1 }, "198.51.100.9");
    // The malformed key and the invalid request named no key and came from no organisation's service:
    // nobody could read their rows, so they are not written (keysmith_verifications_total counts them).
    expect(writer.buffered).toBe(3);
    await writer.flush();
    expect(writer.buffered).toBe(0);

    const page = await listKeyVerifications(org.member, key.key.id, { limit: 50 });
    expect(page.data.map((row) => row.code)).toEqual(["NOT_FOUND", "USAGE_EXCEEDED", "VALID"]);
    const [wrong, exceeded, valid] = page.data;
    expect(valid).toMatchObject({
      keyId: key.key.keyId,
      keyName: "logged",
      ip: "203.0.113.7",
      userAgent: "test-agent/1.0",
      scopes: ["packages:read"],
      cost: null,
    });
    expect(exceeded).toMatchObject({ code: "USAGE_EXCEEDED", cost: 1 });
    expect(wrong).toMatchObject({
      code: "NOT_FOUND",
      keyId: key.key.keyId,
      keyRowId: key.key.id,
      ip: "198.51.100.9",
      userAgent: "curl/8.0",
    });
    expect(valid!.latencyMs).toBeGreaterThan(0);
    // Filters: code, address, time range.
    expect((await listKeyVerifications(org.member, key.key.id, { limit: 50, code: "NOT_FOUND" })).data).toHaveLength(1);
    expect((await listKeyVerifications(org.member, key.key.id, { limit: 50, ip: "203.0.113.7" })).data).toHaveLength(2);
    expect((await listKeyVerifications(org.member, key.key.id, { limit: 50, from: new Date(Date.now() + 60_000) })).data).toHaveLength(0);
    // Pages back in time.
    const first = await listKeyVerifications(org.member, key.key.id, { limit: 2 });
    const second = await listKeyVerifications(org.member, key.key.id, { limit: 2, cursor: first.nextCursor! });
    expect([...first.data, ...second.data].map((row) => row.id)).toEqual(page.data.map((row) => row.id));
    expect(second.nextCursor).toBeNull();
    // Another organisation sees none of it.
    const other = await createOrgWithMembers();
    await expect(listKeyVerifications(other.owner, key.key.id, { limit: 50 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listVerifications(other.orgId, { limit: 50 })).data).toHaveLength(0);
  });

  it("attributes unknown key ids to the organisation whose service asked, grouped by key id and address", async () => {
    const writer = quietWriter();
    const service = await createKey(org.owner, { name: "service", scopes: ["keys:verify"] });
    const unknown = generateKey();
    const auth = { authorization: `Bearer ${service.rawKey}` };
    for (let i = 0; i < 3; i++) await verifyOver(writer, { key: unknown.raw }, "192.0.2.10", "svc", auth);
    await verifyOver(writer, { key: unknown.raw }, "192.0.2.11", "svc", auth);
    await verifyOver(writer, { key: generateKey().raw }, "192.0.2.12"); // anonymous: nobody's
    await writer.flush();
    const groups = await unknownKeyFailures(org.orgId, {});
    expect(groups.filter((g) => g.keyId === unknown.keyId)).toEqual([
      expect.objectContaining({ keyId: unknown.keyId, ip: "192.0.2.10", attempts: 3 }),
      expect.objectContaining({ keyId: unknown.keyId, ip: "192.0.2.11", attempts: 1 }),
    ]);
    const byKey = await listVerifications(org.orgId, { limit: 50, keyId: unknown.keyId });
    // The three identical attempts from one address are one entry counting three.
    expect(byKey.data.map((row) => [row.ip, row.count])).toEqual([
      ["192.0.2.11", 1],
      ["192.0.2.10", 3],
    ]);
    expect(byKey.data.every((row) => row.code === "NOT_FOUND" && row.keyRowId === null)).toBe(true);
  });

  it("folds identical outcomes within a window into one row: the first one's time, the slowest latency, a count", async () => {
    const written: VerificationLogRow[][] = [];
    const writer = new VerificationLogWriter({
      capacity: 100,
      flushEveryMs: 3_600_000,
      flushAtRows: Infinity,
      write: async (rows) => void written.push(rows),
    });
    const base = validLogEntry({ at: new Date("2026-12-04T10:00:00.000Z"), orgId: org.orgId });
    writer.append(base);
    writer.append({ ...base, at: new Date("2026-12-04T10:00:00.400Z"), latencyMs: 3 });
    writer.append({ ...base, at: new Date("2026-12-04T10:00:00.900Z"), latencyMs: 1 });
    // Any difference but time and latency is a row of its own.
    const differences: Partial<VerificationLogEntry>[] = [
      { orgId: "0190a6d2-0000-7000-8000-00000000000f" },
      { keyRowId: null },
      { keyId: "otherKeyId00" },
      { code: "RATE_LIMITED" },
      { ip: "203.0.113.2" },
      { ip: null },
      { userAgent: "svc/2.0" },
      { userAgent: null },
      { scopes: [] },
      { scopes: ["packages:read", "keys:write"] },
      { cost: 1 },
    ];
    for (const difference of differences) writer.append({ ...base, ...difference });
    expect(writer.buffered).toBe(1 + differences.length);
    // Nobody's entries (no organisation) are not kept, and a flood of them (past the capacity of
    // 100) crowds out no real entry.
    writer.append({ ...base, orgId: null });
    for (let i = 0; i < 250; i++) writer.append({ ...base, orgId: null, keyId: `junk${String(i).padStart(8, "0")}` });
    expect(writer.buffered).toBe(1 + differences.length);
    writer.append({ ...base, ip: "203.0.113.99" });
    expect(writer.buffered).toBe(2 + differences.length);
    expect(writer.dropped).toBe(0);
    await writer.flush();
    const [folded, ...others] = written.flat();
    expect(folded).toEqual({ ...base, count: 3, latencyMs: 3 });
    expect(others.map((row) => row.count)).toEqual([...differences.map(() => 1), 1]);
    expect(written.flat().some((row) => row.orgId === null)).toBe(false);
    // A new window starts a new row.
    writer.append(base);
    await writer.stop();
    expect(written.flat().at(-1)).toEqual({ ...base, count: 1 });
  });

  it("a full buffer drops and counts, never waits; stop() writes what is left", async () => {
    const written: VerificationLogEntry[][] = [];
    const writer = new VerificationLogWriter({
      capacity: 3,
      flushEveryMs: 3_600_000,
      flushAtRows: Infinity,
      batchRows: 1_000,
      write: async (rows) => void written.push(rows),
    });
    for (let i = 0; i < 5; i++) writer.append(entryOf({ ip: `192.0.2.${i}` }));
    expect(writer.buffered).toBe(3);
    expect(writer.dropped).toBe(2);
    // An entry that folds into a waiting row still counts while the buffer is full.
    writer.append(entryOf({ ip: "192.0.2.0" }));
    expect(writer.dropped).toBe(2);
    await writer.stop();
    expect(written.flat()).toHaveLength(3);
    expect(writer.buffered).toBe(0);
  });

  it("writes a filling buffer before its window ends, and folds what arrives meanwhile into the next window", async () => {
    const written: VerificationLogRow[][] = [];
    let release = () => {};
    const writer = new VerificationLogWriter({
      capacity: 4,
      flushAtRows: 2,
      flushEveryMs: 3_600_000,
      write: (rows) => {
        written.push(rows);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const entry = (ip: string) => entryOf({ keyId: "candidate000", code: "NOT_FOUND", ip });
    writer.append(entry("192.0.2.1"));
    expect(written).toHaveLength(0);
    writer.append(entry("192.0.2.2")); // the second row: written now, not in an hour
    expect(written.flat().map((row) => row.ip)).toEqual(["192.0.2.1", "192.0.2.2"]);
    writer.append(entry("192.0.2.1")); // during the write: the next window's
    expect(writer.buffered).toBe(1);
    release();
    const stopped = writer.stop();
    await expect.poll(() => written.length).toBe(2);
    release();
    await stopped;
    expect(written[1]).toEqual([expect.objectContaining({ ip: "192.0.2.1", count: 1 })]);
  });

  it("writes in batches of at most batchRows rows", async () => {
    const sizes: number[] = [];
    const writer = new VerificationLogWriter({
      capacity: 100,
      flushEveryMs: 3_600_000,
      flushAtRows: Infinity,
      batchRows: 4,
      write: async (rows) => void sizes.push(rows.length),
    });
    for (let i = 0; i < 10; i++) writer.append(entryOf({ ip: `192.0.2.${i}` }));
    await writer.stop();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });

  it("stores each column as given: nulls, empty strings, one-row batches, the separators in a user agent, numbers", async () => {
    const org = await createOrgWithMembers();
    const base = { orgId: org.orgId, keyRowId: null, code: "NOT_FOUND", ip: null, cost: null };
    const rows: VerificationLogRow[] = [
      { ...base, at: new Date("2026-12-04T10:00:00.123Z"), keyId: "alone", userAgent: "", scopes: [], latencyMs: 0.25, count: 1 },
      {
        ...base,
        at: new Date("2026-12-04T10:00:01.000Z"),
        keyId: "tabs",
        userAgent: "a\tb\u001fc\u001ed\ne",
        scopes: ["packages:read", "keys:write"],
        latencyMs: 12.5,
        ip: "2001:db8::1",
        cost: 7,
        count: 40_000,
      },
      {
        ...base,
        at: new Date("2026-12-04T10:00:02.999Z"),
        keyId: null,
        userAgent: null,
        scopes: [],
        latencyMs: 0,
        code: "MALFORMED",
        count: 1,
      },
    ];
    await insertLogRows(rows.slice(0, 1)); // alone in its batch: an empty user agent and no scopes
    await insertLogRows(rows.slice(1));
    const stored = await db().verificationLog.findMany({ where: { orgId: org.orgId }, orderBy: { at: "asc" } });
    expect(
      stored.map(({ at, keyId, code, ip, userAgent, scopes, latencyMs, cost, count }) => ({
        at,
        keyId,
        code,
        ip,
        userAgent,
        scopes,
        latencyMs,
        cost,
        count,
      })),
    ).toEqual([
      { at: rows[0]!.at, keyId: "alone", code: "NOT_FOUND", ip: null, userAgent: "", scopes: [], latencyMs: 0.25, cost: null, count: 1 },
      {
        at: rows[1]!.at,
        keyId: "tabs",
        code: "NOT_FOUND",
        ip: "2001:db8::1",
        userAgent: "a\tb c d\ne",
        scopes: ["packages:read", "keys:write"],
        latencyMs: 12.5,
        cost: 7,
        count: 40_000,
      },
      { at: rows[2]!.at, keyId: null, code: "MALFORMED", ip: null, userAgent: null, scopes: [], latencyMs: 0, cost: null, count: 1 },
    ]);
  });

  it("exports CSV with quoting and the formula guard", async () => {
    const writer = quietWriter();
    const key = await createKey(org.owner, { name: "csv" });
    await verifyOver(writer, { key: key.rawKey }, "203.0.113.20", '=HYPERLINK("http://evil.example","x"), "quoted"\nnext line');
    await verifyOver(writer, { key: key.rawKey }, "203.0.113.20", "+cmd|' /C calc'!A0");
    await writer.flush();
    let csv = verificationCsvHeader();
    for await (const batch of allVerifications(org.orgId, { keyId: key.key.keyId })) csv += verificationCsvRows(batch);
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.user_agent).sort()).toEqual(
      ["'+cmd|' /C calc'!A0", `'=HYPERLINK("http://evil.example","x"), "quoted"\nnext line`].sort(),
    );
    expect(records[0]).toMatchObject({ code: "VALID", key_id: key.key.keyId, key_name: "csv", ip: "203.0.113.20" });
  });
});

describe("retention", () => {
  it("deletes rows older than the retention (database clock) and the oldest past the row cap", async () => {
    await db().$executeRaw`DELETE FROM "VerificationLog"`;
    await db().$executeRaw`
      INSERT INTO "VerificationLog" (at, code, "latencyMs") SELECT now() - make_interval(days => 31), 'OLD', 1 FROM generate_series(1, 5)`;
    await db().$executeRaw`
      INSERT INTO "VerificationLog" (at, code, "latencyMs") SELECT now() - make_interval(days => 29), 'KEPT', 1 FROM generate_series(1, 3)`;
    expect(await pruneVerificationLog({ retentionDays: 30, maxRows: 1_000 })).toBe(5);
    expect(await db().verificationLog.count({ where: { code: "OLD" } })).toBe(0);
    expect(await db().verificationLog.count({ where: { code: "KEPT" } })).toBe(3);
    await db().$executeRaw`INSERT INTO "VerificationLog" (at, code, "latencyMs") SELECT now(), 'NEW', 1 FROM generate_series(1, 4)`;
    expect(await pruneVerificationLog({ retentionDays: 30, maxRows: 5 })).toBe(2);
    expect(await db().verificationLog.count()).toBe(5);
    expect(await db().verificationLog.count({ where: { code: "NEW" } })).toBe(4);
  });
});
