import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { insertKey, type NewKeySettings } from "@/lib/keys/insert-key";
import { generateHashedKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";

// A key's insert, its audit event and its webhook event are one raw SQL statement, not Prisma's
// create in a transaction: what it returns must still be the row Prisma reads (every column, with
// Prisma's types), and it must write all three or nothing.

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const settings = (overrides: Partial<NewKeySettings> = {}): NewKeySettings => ({
  name: "one statement",
  type: "sk",
  environment: "live",
  role: null,
  scopes: ["packages:read", "packages:write"],
  rateLimitPerMinute: 1234,
  projectId: null,
  allowedIps: ["10.0.0.0/8", "2001:db8::/32"],
  notBefore: new Date("2026-12-24T10:00:00.123Z"),
  expiresAt: new Date("2027-03-01T00:00:00.456Z"),
  remaining: 500,
  refillInterval: "monthly",
  refillAmount: 500,
  refillDay: 31,
  lastRefillAt: new Date("2026-12-01T00:00:00.000Z"),
  ...overrides,
});

const audit = () => ({ orgId: org.orgId, actorId: org.owner.userId, ip: "192.0.2.7", userAgent: "insert-key test" });
const creator = () => ({ createdBy: org.owner.userId, creatorUserId: org.owner.userId });

describe("insertKey (one statement)", () => {
  it("returns exactly the row Prisma reads back, every column with Prisma's types", async () => {
    for (const overrides of [
      {},
      {
        type: "pk" as const,
        role: "executor" as const,
        remaining: null,
        refillInterval: null,
        refillAmount: null,
        refillDay: null,
        lastRefillAt: null,
        notBefore: null,
        expiresAt: null,
        allowedIps: [],
      },
    ]) {
      const { secret } = await generateHashedKey("live", overrides.type ?? "sk");
      const returned = await insertKey(db(), settings(overrides), secret, creator(), audit());
      const read = await db().apiKey.findUniqueOrThrow({ where: { id: returned.id } });
      expect(returned).toStrictEqual(read);
      expect(typeof returned.usageCount).toBe("bigint");
      expect(returned.createdAt).toBeInstanceOf(Date);
    }
  });

  it("writes its key.create audit event and the key.created webhook event in the same statement", async () => {
    const endpoint = await db().webhookEndpoint.create({
      data: {
        orgId: org.orgId,
        url: "https://hooks.example.test/keysmith",
        eventTypes: ["key.created"],
        secretCiphertext: Buffer.alloc(32),
        secretIv: Buffer.alloc(12),
        secretTag: Buffer.alloc(16),
        secretVersion: 1,
        createdBy: org.owner.userId,
      },
    });
    const { secret } = await generateHashedKey("live", "sk");
    const key = await insertKey(db(), settings({ name: "audited" }), secret, creator(), audit(), { rotatedFrom: "x" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, targetId: key.id } });
    expect(event).toMatchObject({ action: "key.create", actorId: org.owner.userId, ip: "192.0.2.7", userAgent: "insert-key test" });
    expect(event.metadata).toMatchObject({
      name: "audited",
      maskedValue: `${key.prefix}****`,
      scopes: ["packages:read", "packages:write"],
      expiresAt: "2027-03-01T00:00:00.456Z",
      credits: { remaining: 500, refill: { interval: "monthly", amount: 500, dayOfMonth: 31 } },
      rotatedFrom: "x",
    });
    const deliveries = await db().webhookDelivery.findMany({ where: { endpointId: endpoint.id }, include: { event: true } });
    expect(deliveries.map((delivery) => [delivery.event.type, (delivery.event.data as { keyId: string }).keyId])).toEqual([
      ["key.created", key.id],
    ]);
    await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("writes nothing when any part fails: a duplicate keyId leaves no audit or webhook event", async () => {
    const { secret } = await generateHashedKey("live", "sk");
    await insertKey(db(), settings(), secret, creator(), audit());
    const before = {
      audit: await db().auditEvent.count({ where: { orgId: org.orgId } }),
      events: await db().webhookEvent.count({ where: { orgId: org.orgId } }),
    };
    await expect(insertKey(db(), settings(), secret, creator(), audit())).rejects.toThrow();
    expect({
      audit: await db().auditEvent.count({ where: { orgId: org.orgId } }),
      events: await db().webhookEvent.count({ where: { orgId: org.orgId } }),
    }).toEqual(before);
    expect(await db().apiKey.count({ where: { keyId: secret.keyId } })).toBe(1);
  });
});
