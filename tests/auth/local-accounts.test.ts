import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, signUp } from "@/lib/auth/local-accounts";
import { endSession, resolveSession, startSession } from "@/lib/auth/local-sessions";
import { closeDb, db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { createTestDatabase, dropTestDatabase } from "../support/test-database";

// Sign-up's "first user owns the install" rule needs an empty database of its own.
let database: { name: string; url: string };
beforeAll(async () => {
  database = await createTestDatabase("auth");
  await applyMigrations(database.url, path.resolve(import.meta.dirname, "../../prisma/migrations"));
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  await closeDb();
  await dropTestDatabase(database.name);
});

const password = "correct horse battery staple";
const origin = { ip: "203.0.113.7", userAgent: "vitest" };

describe("local accounts", () => {
  it("makes the first user owner of the default organisation and later users members", async () => {
    const [first, second] = await Promise.all([
      signUp({ email: "first@example.test", password }, origin),
      signUp({ email: "second@example.test", password }, origin),
    ]);
    const memberships = await db().membership.findMany({ include: { org: true } });
    expect(memberships).toHaveLength(2);
    expect(new Set(memberships.map((m) => m.orgId)).size).toBe(1);
    const roles = memberships.map((m) => m.role).sort();
    expect(roles).toEqual(["member", "owner"]);
    expect([first.userId, second.userId]).toContain(memberships.find((m) => m.role === "owner")!.userId);
  });

  it("refuses a second account with the same email and leaves nothing behind", async () => {
    await expect(signUp({ email: "first@example.test", password }, origin)).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
    expect(await db().user.count()).toBe(2);
  });

  it("closes sign-up after the first user when KEYSMITH_SIGNUP=closed", async () => {
    process.env.KEYSMITH_SIGNUP = "closed";
    try {
      await expect(signUp({ email: "third@example.test", password }, origin)).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      delete process.env.KEYSMITH_SIGNUP;
    }
    expect(await db().user.count()).toBe(2);
  });

  it("stores passwords as Argon2id and signs in only with the right one", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "first@example.test" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(password);
    await expect(signIn({ email: "first@example.test", password }, origin)).resolves.toEqual({ userId: user.id });
    await expect(signIn({ email: "first@example.test", password: "wrong password!!" }, origin)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(signIn({ email: "nobody@example.test", password }, origin)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("records sign-ups, sign-ins and failed sign-ins of real accounts in the organisation's trail", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "first@example.test" }, include: { memberships: true } });
    const events = await db().auditEvent.findMany({ where: { actorId: user.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["auth.sign_up", "auth.sign_in", "auth.sign_in_failed"]);
    for (const event of events) {
      expect(event).toMatchObject({ orgId: user.memberships[0]!.orgId, targetType: "user", targetId: user.id, ...origin });
    }
    // An unknown email has no organisation to report to, and its attempt must not reveal anything.
    expect(await db().auditEvent.count({ where: { action: "auth.sign_in_failed" } })).toBe(1);
  });

  it("keeps only a hash of the session token and forgets ended or expired sessions", async () => {
    const owner = await db().membership.findFirstOrThrow({ where: { role: "owner" }, include: { user: true } });
    const user = owner.user;
    const { token } = await startSession(user.id);
    expect(await db().session.findFirst({ where: { id: token } })).toBeNull();
    expect(await resolveSession(token)).toMatchObject({ userId: user.id, orgRole: "owner", email: user.email });

    await expect(endSession(token)).resolves.toEqual({ userId: user.id });
    expect(await resolveSession(token)).toBeNull();
    await expect(endSession(token)).resolves.toBeNull();

    const stale = await startSession(user.id);
    await db().session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await resolveSession(stale.token)).toBeNull();
    expect(await resolveSession("forged-token")).toBeNull();
  });
});
