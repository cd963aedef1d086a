import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { updateKeyPolicy } from "@/lib/keys/policy";
import { rotateKey } from "@/lib/keys/rotate";
import { createKey, revokeKey, setKeyDisabled } from "@/lib/keys/service";
import { sessionAuditContext } from "@/lib/keys/audit-context";
import { revokeKeysPastGrace } from "@/lib/keys/jobs";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const project = () => db().project.create({ data: { orgId: org.orgId, name: `p-${Math.random()}` } });

describe("rotateKey", () => {
  it("issues a new key with the same settings; the old one works through the grace, then is REVOKED", async () => {
    const { verifier } = await testVerifier({ stateTtlMs: 0 });
    const { id: projectId } = await project();
    const old = await createKey(org.owner, {
      name: "billing",
      type: "sk",
      environment: "test",
      role: "developer",
      rateLimitPerMinute: 42,
      projectId,
      allowedIps: ["10.0.0.0/8"],
      expiresInDays: 30,
    });
    const rotated = await rotateKey(org.admin, old.key.id, "1h");
    expect(rotated.rawKey).toMatch(/^ks_test_sk_/);
    expect(rotated.key).toMatchObject({
      name: "billing",
      type: "sk",
      environment: "test",
      role: "developer",
      scopes: old.key.scopes,
      rateLimitPerMinute: 42,
      projectId,
      allowedIps: ["10.0.0.0/8"],
      status: "active",
    });
    // The same lifetime, from now.
    expect(Date.parse(rotated.key.expiresAt!) - Date.parse(rotated.key.createdAt)).toBeCloseTo(30 * 86_400_000, -4);
    expect(rotated.previous).toMatchObject({ id: old.key.id, status: "active", replacedById: rotated.key.id });
    expect(Date.parse(rotated.previous.revokesAt!) - Date.now()).toBeGreaterThan(3_500_000);

    const ip = { clientIp: "10.1.2.3" };
    expect((await verifier.verify(old.rawKey, ip)).code).toBe("VALID");
    expect((await verifier.verify(rotated.rawKey, ip)).code).toBe("VALID");

    // The grace ends: REVOKED at once, before the job has marked anything.
    await db().apiKey.update({ where: { id: old.key.id }, data: { revokesAt: new Date(Date.now() - 1) } });
    expect((await verifier.verify(old.rawKey, ip)).code).toBe("REVOKED");
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: old.key.id } })).status).toBe("active");
    expect(await revokeKeysPastGrace()).toBeGreaterThanOrEqual(1);
    const marked = await db().apiKey.findUniqueOrThrow({ where: { id: old.key.id } });
    expect(marked.status).toBe("revoked");
    expect(marked.revokedAt).toEqual(marked.revokesAt);
    expect((await verifier.verify(rotated.rawKey, ip)).code).toBe("VALID");
  });

  it("gives the new key the old key's lifetime from now, not the old expiry date, once time has passed", async () => {
    const old = await createKey(org.owner, { name: "aged", expiresInDays: 30 });
    // Twenty days later: the old key has 10 days left, its lifetime is still 30 days.
    const twentyDays = 20 * 86_400_000;
    await db().apiKey.update({
      where: { id: old.key.id },
      data: {
        createdAt: new Date(Date.parse(old.key.createdAt) - twentyDays),
        expiresAt: new Date(Date.parse(old.key.expiresAt!) - twentyDays),
      },
    });
    const before = Date.now();
    const rotated = await rotateKey(org.owner, old.key.id, "none");
    const thirtyDays = 30 * 86_400_000;
    expect(Date.parse(rotated.key.expiresAt!)).toBeGreaterThanOrEqual(before + thirtyDays - 1000);
    expect(Date.parse(rotated.key.expiresAt!)).toBeLessThanOrEqual(Date.now() + thirtyDays + 1000);
  });

  it("keeps the old key working for exactly the chosen grace: 7 days for 7d, 24 hours for 24h", async () => {
    for (const [grace, ms] of [
      ["7d", 7 * 86_400_000],
      ["24h", 86_400_000],
      ["1h", 3_600_000],
    ] as const) {
      const old = await createKey(org.owner, { name: `grace ${grace}` });
      const before = Date.now();
      const rotated = await rotateKey(org.owner, old.key.id, grace);
      const revokesAt = Date.parse(rotated.previous.revokesAt!);
      // Grace ends by the database's clock: allow a second between it and this host's.
      expect(revokesAt, grace).toBeGreaterThanOrEqual(before + ms - 1000);
      expect(revokesAt, grace).toBeLessThanOrEqual(Date.now() + ms + 1000);
      expect(rotated.previous.status, grace).toBe("active");
    }
  });

  it("with grace none revokes the old key at once", async () => {
    const { verifier } = await testVerifier({ stateTtlMs: 0 });
    const old = await createKey(org.owner, { name: "now" });
    const rotated = await rotateKey(org.owner, old.key.id, "none");
    expect(rotated.previous.status).toBe("revoked");
    expect((await verifier.verify(old.rawKey)).code).toBe("REVOKED");
    expect((await verifier.verify(rotated.rawKey)).code).toBe("VALID");
  });

  it("records key.create for the new key and key.rotate on the old key with the documented metadata", async () => {
    const old = await createKey(org.owner, { name: "audited" });
    const rotated = await rotateKey(org.owner, old.key.id, "24h");
    const rotate = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, action: "key.rotate", targetId: old.key.id } });
    expect(rotate).toMatchObject({ targetType: "key", actorId: org.owner.userId });
    expect(rotate.metadata).toEqual({ newKeyId: rotated.key.id, grace: "24h", oldKeyRevokesAt: rotated.previous.revokesAt });
    const create = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, action: "key.create", targetId: rotated.key.id } });
    expect(create.metadata).toMatchObject({ rotatedFrom: old.key.id, maskedValue: rotated.key.maskedValue });
  });

  it("refuses rotated, revoked and disabled keys (409), members (403) and other organisations (404)", async () => {
    const a = await createKey(org.owner, { name: "twice" });
    await rotateKey(org.owner, a.key.id, "7d");
    await expect(rotateKey(org.owner, a.key.id, "7d")).rejects.toMatchObject({ code: "CONFLICT" });
    const b = await createKey(org.owner, { name: "revoked" });
    await revokeKey(org.owner, b.key.id);
    await expect(rotateKey(org.owner, b.key.id, "none")).rejects.toMatchObject({ code: "CONFLICT" });
    const c = await createKey(org.owner, { name: "off" });
    await setKeyDisabled(org.owner, c.key.id, true);
    await expect(rotateKey(org.owner, c.key.id, "none")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(rotateKey(org.member, c.key.id, "none")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createOrgWithMembers();
    await expect(rotateKey(other.owner, c.key.id, "none")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("changes nothing when it fails (policy now forbids the old key's 'never')", async () => {
    const strict = await createOrgWithMembers();
    const old = await createKey(strict.owner, { name: "forever" });
    await updateKeyPolicy(
      strict.owner,
      { allowNoExpiry: false, maxLifetimeDays: null, retentionDays: 30 },
      sessionAuditContext(strict.owner),
    );
    await expect(rotateKey(strict.owner, old.key.id, "1h")).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "expiresAt" });
    expect(await db().apiKey.count({ where: { orgId: strict.orgId } })).toBe(1);
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: old.key.id } })).toMatchObject({
      replacedById: null,
      revokesAt: null,
      status: "active",
    });
    expect(await db().auditEvent.count({ where: { orgId: strict.orgId, action: "key.rotate" } })).toBe(0);
  });
});

describe("concurrent rotate and revoke of one key", () => {
  async function outcome(promises: Promise<unknown>[]) {
    const results = await Promise.allSettled(promises);
    const won = results.filter((r) => r.status === "fulfilled").length;
    const conflicts = results.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "CONFLICT").length;
    return { won, conflicts };
  }

  it("rotate/rotate: exactly one wins, the other gets 409, one new key exists", async () => {
    for (let round = 0; round < 5; round++) {
      const old = await createKey(org.owner, { name: `race-${round}` });
      const { won, conflicts } = await outcome([rotateKey(org.owner, old.key.id, "1h"), rotateKey(org.admin, old.key.id, "none")]);
      expect({ won, conflicts }).toEqual({ won: 1, conflicts: 1 });
      expect(await db().apiKey.count({ where: { orgId: org.orgId, name: `race-${round}` } })).toBe(2);
      expect(await db().auditEvent.count({ where: { orgId: org.orgId, action: "key.rotate", targetId: old.key.id } })).toBe(1);
    }
  });

  it("rotate/revoke: exactly one wins; nothing is half done", async () => {
    for (let round = 0; round < 5; round++) {
      const old = await createKey(org.owner, { name: `rr-${round}` });
      const { won, conflicts } = await outcome([rotateKey(org.owner, old.key.id, "24h"), revokeKey(org.admin, old.key.id)]);
      expect({ won, conflicts }).toEqual({ won: 1, conflicts: 1 });
      const row = await db().apiKey.findUniqueOrThrow({ where: { id: old.key.id } });
      const keys = await db().apiKey.count({ where: { orgId: org.orgId, name: `rr-${round}` } });
      if (row.replacedById) {
        // Rotation won: a replacement exists, the old key counts down, no revoke event.
        expect(keys).toBe(2);
        expect(row.status).toBe("active");
        expect(await db().auditEvent.count({ where: { action: "key.revoke", targetId: old.key.id } })).toBe(0);
      } else {
        // Revocation won: no replacement, no rotate event.
        expect(keys).toBe(1);
        expect(row.status).toBe("revoked");
        expect(await db().auditEvent.count({ where: { action: "key.rotate", targetId: old.key.id } })).toBe(0);
      }
    }
  });
});
