import { beforeAll, describe, expect, it } from "vitest";
import { validate } from "@/lib/api/parse";
import { db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/keys/expiry";
import { listKeys } from "@/lib/keys/list";
import { getKeyPolicy, updateKeyPolicy } from "@/lib/keys/policy";
import { createKey } from "@/lib/keys/service";
import { keyStatus } from "@/lib/keys/status";
import { sessionAuditContext } from "@/lib/keys/audit-context";
import { createKeySchema } from "@/lib/validations/keys";
import { createOrgWithMembers } from "../support/fixtures";
import { ageKey } from "../support/age-key";
import { failedField } from "../support/route";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const create = (body: unknown, who = org.owner) => createKey(who, validate(createKeySchema, body));
const days = (iso: string | null) => (Date.parse(iso!) - Date.now()) / DAY_MS;

describe("expiry presets, dates and never", () => {
  it("sets 7, 30, 60, 90 and 365 days from now, a custom date, or none", async () => {
    for (const preset of [7, 30, 60, 90, 365]) {
      const { key } = await create({ name: `in ${preset}`, expiresInDays: preset });
      expect(days(key.expiresAt)).toBeCloseTo(preset, 2);
    }
    const date = new Date(Date.now() + 3 * DAY_MS);
    expect((await create({ name: "custom", expiresAt: date.toISOString() })).key.expiresAt).toBe(date.toISOString());
    expect((await create({ name: "never" })).key.expiresAt).toBeNull();
    expect(failedField(() => validate(createKeySchema, { name: "x", expiresInDays: 14 }))).toBe("expiresInDays");
    expect(failedField(() => validate(createKeySchema, { name: "x", expiresInDays: 7, expiresAt: date.toISOString() }))).toBe("expiresAt");
  });
});

describe("organisation key policy", () => {
  it("can forbid never and cap the lifetime, enforced with a 400 naming expiresAt, and is audited", async () => {
    const strict = await createOrgWithMembers();
    await updateKeyPolicy(
      strict.owner,
      { allowNoExpiry: false, maxLifetimeDays: 30, retentionDays: 10 },
      sessionAuditContext(strict.owner),
    );
    expect(await getKeyPolicy(strict.orgId)).toEqual({
      allowNoExpiry: false,
      maxLifetimeDays: 30,
      retentionDays: 10,
      revokeLeakedKeys: true,
    });
    const make = (body: object) => createKey(strict.owner, validate(createKeySchema, { name: "p", ...body }));
    await expect(make({})).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      field: "expiresAt",
      message: expect.stringContaining("requires every key to expire"),
    });
    await expect(make({ expiresInDays: 60 })).rejects.toMatchObject({
      field: "expiresAt",
      message: expect.stringContaining("at most 30 days"),
    });
    await expect(make({ expiresAt: new Date(Date.now() + 31 * DAY_MS).toISOString() })).rejects.toMatchObject({ field: "expiresAt" });
    expect((await make({ expiresInDays: 30 })).key.expiresAt).not.toBeNull();
    expect(await db().apiKey.count({ where: { orgId: strict.orgId } })).toBe(1);

    const events = await db().auditEvent.findMany({ where: { orgId: strict.orgId, action: "org.key_policy_update" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({
      changes: { allowNoExpiry: { from: true, to: false }, maxLifetimeDays: { from: null, to: 30 } },
    });
  });

  it("is for owners and admins only", async () => {
    await expect(
      updateKeyPolicy(org.member, { allowNoExpiry: true, maxLifetimeDays: null, retentionDays: 30 }, sessionAuditContext(org.member)),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("not-before", () => {
  it("answers NOT_YET_VALID before the time, VALID after", async () => {
    const { verifier } = await testVerifier({ stateTtlMs: 0 });
    const { key, rawKey } = await create({ name: "later", notBefore: new Date(Date.now() + 3_600_000).toISOString() });
    expect(await verifier.verify(rawKey)).toMatchObject({ valid: false, code: "NOT_YET_VALID", name: "later" });
    await db().apiKey.update({ where: { id: key.id }, data: { notBefore: new Date(Date.now() - 1000) } });
    expect((await verifier.verify(rawKey)).code).toBe("VALID");
  });

  it("must come before the expiry", async () => {
    await expect(create({ name: "x", expiresInDays: 7, notBefore: new Date(Date.now() + 8 * DAY_MS).toISOString() })).rejects.toMatchObject(
      { field: "notBefore" },
    );
  });
});

describe("keyStatus (one function for server and client)", () => {
  const now = new Date("2027-01-01T00:00:00Z");
  const at = (ms: number) => new Date(now.getTime() + ms);
  // A key made a year ago: its "expiring" window is the full 7 days.
  const base = { status: "active" as const, disabledAt: null, createdAt: at(-365 * DAY_MS), expiresAt: null, revokesAt: null };

  it("orders revoked, disabled, expired, expiring, active", () => {
    expect(keyStatus(base, now)).toBe("active");
    expect(keyStatus({ ...base, expiresAt: at(8 * DAY_MS) }, now)).toBe("active");
    expect(keyStatus({ ...base, expiresAt: at(7 * DAY_MS) }, now)).toBe("expiring");
    expect(keyStatus({ ...base, expiresAt: at(1) }, now)).toBe("expiring");
    expect(keyStatus({ ...base, expiresAt: now }, now)).toBe("expired");
    expect(keyStatus({ ...base, expiresAt: at(-1), disabledAt: at(-5) }, now)).toBe("disabled");
    expect(keyStatus({ ...base, status: "revoked", disabledAt: at(-5) }, now)).toBe("revoked");
    // Past a rotation grace: revoked before any job marks it; before it, still usable.
    expect(keyStatus({ ...base, revokesAt: now }, now)).toBe("revoked");
    expect(keyStatus({ ...base, revokesAt: at(1000) }, now)).toBe("active");
    expect(keyStatus({ ...base, expiresAt: at(1000).toISOString() }, now)).toBe("expiring");
  });

  it("expiring is the last 20 % or 7 days of a lifetime, whichever is shorter", () => {
    const made = (lifetimeDays: number, ageDays: number) => ({
      ...base,
      createdAt: at(-ageDays * DAY_MS),
      expiresAt: at((lifetimeDays - ageDays) * DAY_MS),
    });
    expect(keyStatus(made(7, 0), now)).toBe("active"); // a new 7-day key is not expiring
    expect(keyStatus(made(7, 5.5), now)).toBe("active"); // 1.5 days left > 1.4 days (20 %)
    expect(keyStatus(made(7, 5.7), now)).toBe("expiring");
    expect(keyStatus(made(30, 23.5), now)).toBe("active"); // 6.5 days left > 6 days (20 %)
    expect(keyStatus(made(30, 24.5), now)).toBe("expiring");
    expect(keyStatus(made(365, 357), now)).toBe("active"); // 8 days left > 7 days
    expect(keyStatus(made(365, 358.5), now)).toBe("expiring");
  });

  it("an expiring key still verifies", async () => {
    const { verifier } = await testVerifier();
    const { key, rawKey } = await create({ name: "soon", expiresInDays: 7 });
    await ageKey(key.id, 6 * 86_400);
    expect((await listKeys(org.orgId, { q: key.keyId })).data[0]!.status).toBe("expiring");
    expect((await verifier.verify(rawKey)).code).toBe("VALID");
  });
});
