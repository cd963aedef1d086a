import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_TTL_MS } from "@/lib/auth/cookie";
import { signIn, signUp } from "@/lib/auth/local-accounts";
import { flushFailedSignIns } from "@/lib/auth/failed-sign-ins";
import { endSession, resolveSession, startSession } from "@/lib/auth/local-sessions";
import type { Principal } from "@/lib/auth/principal";
import { setSignInStores } from "@/lib/auth/sign-in-throttle";
import { closeDb, db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { sessionAuditContext } from "@/lib/keys/audit-context";
import { createInvitation, listInvitations, revokeInvitation } from "@/lib/members/invitations";
import { renameOrganization } from "@/lib/members/organization";
import { Limiter } from "@/lib/verify/rate-limit";
import { createTestDatabase, dropTestDatabase } from "../support/test-database";
import { testRedis, uniquePrefix } from "../support/verifier";

// Sign-up's "first user owns the install" rule needs an empty database of its own. The sign-in
// throttle counts in the real Redis, under a prefix of this run's own.
let database: { name: string; url: string };
beforeAll(async () => {
  database = await createTestDatabase("auth");
  await applyMigrations(database.url, path.resolve(import.meta.dirname, "../../prisma/migrations"));
  process.env.DATABASE_URL = database.url;
  const prefix = uniquePrefix();
  setSignInStores({
    failures: new Limiter(Number.MAX_SAFE_INTEGER, { redis: testRedis, prefix: `${prefix}:fail` }, 86_400),
    blocks: new Limiter(1, { redis: testRedis, prefix: `${prefix}:block` }, 1),
  });
});
afterAll(async () => {
  setSignInStores(null);
  await closeDb();
  await dropTestDatabase(database.name);
});

const password = "correct horse battery staple";
const origin = { ip: "203.0.113.7", userAgent: "vitest" };
let owner: Principal;

const errorOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: string; message: string; headers?: Record<string, string> }) => error,
  );

describe("local accounts", () => {
  it("makes the first user owner of the default organisation, then closes sign-up", async () => {
    const first = await signUp({ email: "first@example.test", password }, origin);
    const membership = await db().membership.findFirstOrThrow({ where: { userId: first.userId } });
    expect(membership.role).toBe("owner");
    owner = { userId: first.userId, orgId: membership.orgId, orgRole: "owner" };
    await expect(signUp({ email: "second@example.test", password }, origin)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().user.count()).toBe(1);
  });

  it("answers a closed sign-up alike for an email with an account and one without", async () => {
    const known = await errorOf(signUp({ email: "first@example.test", password }, origin));
    const unknown = await errorOf(signUp({ email: "stranger@example.test", password }, origin));
    expect(known).toMatchObject({ code: "FORBIDDEN" });
    expect(known?.message).toBe(unknown?.message);
  });

  it("lets anyone join as a member with KEYSMITH_SIGNUP=open, and refuses a second account with the same email", async () => {
    process.env.KEYSMITH_SIGNUP = "open";
    try {
      const second = await signUp({ email: "second@example.test", password }, origin);
      expect((await db().membership.findFirstOrThrow({ where: { userId: second.userId } })).role).toBe("member");
      await expect(signUp({ email: "first@example.test", password }, origin)).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
    } finally {
      delete process.env.KEYSMITH_SIGNUP;
    }
    expect(await db().user.count()).toBe(2);
  });

  it("refuses guessable passwords, naming the field", async () => {
    process.env.KEYSMITH_SIGNUP = "open";
    try {
      for (const weak of ["aaaaaaaaaaaa", "            ", "password1234", "qwertyuiopasdf"]) {
        await expect(signUp({ email: "weak@example.test", password: weak }, origin), weak).rejects.toMatchObject({
          code: "VALIDATION_FAILED",
          field: "password",
        });
      }
    } finally {
      delete process.env.KEYSMITH_SIGNUP;
    }
    expect(await db().user.count({ where: { email: "weak@example.test" } })).toBe(0);
  });

  it("stores passwords as Argon2id and signs in only with the right one", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "first@example.test" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(password);
    await expect(signIn({ email: "first@example.test", password }, origin)).resolves.toEqual({ userId: user.id });
    await expect(signIn({ email: "first@example.test", password: "wrong password!!" }, origin)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(signIn({ email: "nobody@example.test", password }, origin)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("tallies failed sign-ins of real accounts into one audit row per account, address and window", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "second@example.test" } });
    const away = { ip: "198.51.100.77", userAgent: "vitest" };
    for (let attempt = 0; attempt < 3; attempt += 1)
      await expect(signIn({ email: user.email, password: `wrong password ${attempt}` }, away)).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    await flushFailedSignIns();
    const rows = await db().auditEvent.findMany({ where: { actorId: user.id, action: "auth.sign_in_failed" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: away.ip, metadata: expect.objectContaining({ count: 3 }) });
  });
});

describe("sign-in throttling", () => {
  it("backs off exponentially per account after 5 failures, with Retry-After, the same for unknown accounts", async () => {
    process.env.KEYSMITH_SIGNUP = "open";
    await signUp({ email: "throttled@example.test", password }, origin).finally(() => delete process.env.KEYSMITH_SIGNUP);
    for (const email of ["throttled@example.test", "ghost@example.test"]) {
      const ip = email.startsWith("throttled") ? "192.0.2.10" : "192.0.2.11";
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await expect(signIn({ email, password: `not it ${attempt}` }, { ip, userAgent: null }), email).rejects.toMatchObject({
          code: "UNAUTHENTICATED",
        });
      }
      // The sixth failure starts a 1 s back-off: even the right password waits.
      await expect(signIn({ email, password: "still not it" }, { ip, userAgent: null })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
      const throttled = await errorOf(signIn({ email, password }, { ip, userAgent: null }));
      expect(throttled, email).toMatchObject({ code: "RATE_LIMITED", headers: { "Retry-After": "1" } });
      expect(throttled?.message).toBe("Too many failed sign-ins. Try again in 1 second.");
    }
  });

  it("doubles the wait with every further failure", async () => {
    const { recordSignInFailure, assertSignInAllowed } = await import("@/lib/auth/sign-in-throttle");
    const email = "doubling@example.test";
    const waits: string[] = [];
    for (let failure = 1; failure <= 9; failure += 1) {
      await recordSignInFailure(email, null);
      const error = await errorOf(assertSignInAllowed(email, null));
      if (error) waits.push(error.headers!["Retry-After"]!);
    }
    expect(waits).toEqual(["1", "2", "4", "8"]);
  });

  it("slows an address spraying many accounts, without touching other addresses", async () => {
    const ip = "192.0.2.50";
    for (let attempt = 0; attempt < 21; attempt += 1) {
      await expect(signIn({ email: `spray-${attempt}@example.test`, password }, { ip, userAgent: null })).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    }
    await expect(signIn({ email: "fresh@example.test", password }, { ip, userAgent: null })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    await expect(signIn({ email: "second@example.test", password }, { ip: "192.0.2.51", userAgent: null })).resolves.toMatchObject({});
  });
});

describe("invitations", () => {
  it("sign up into the inviting organisation with the invited role, once, for the invited email only", async () => {
    const { invitation, token } = await createInvitation(
      owner,
      { email: "invitee@example.test", role: "admin" },
      sessionAuditContext(owner),
    );
    expect((await listInvitations(owner.orgId)).map((entry) => entry.id)).toContain(invitation.id);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(JSON.stringify(stored)).not.toContain(token);

    await expect(signUp({ email: "someone-else@example.test", password, invitation: token }, origin)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const joined = await signUp({ email: "invitee@example.test", password, invitation: token }, origin);
    expect(await db().membership.findFirstOrThrow({ where: { userId: joined.userId } })).toMatchObject({
      orgId: owner.orgId,
      role: "admin",
    });
    expect((await listInvitations(owner.orgId)).map((entry) => entry.id)).not.toContain(invitation.id);
    await expect(signUp({ email: "invitee2@example.test", password, invitation: token }, origin)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const join = await db().auditEvent.findFirstOrThrow({ where: { action: "member.join", targetId: joined.userId } });
    expect(join.metadata).toMatchObject({ role: "admin", invitationId: invitation.id });
  });

  it("stop working when revoked or expired; only owners invite owners", async () => {
    const admin = { ...owner, userId: "someone", orgRole: "admin" as const };
    await expect(createInvitation(admin, { email: "boss@example.test", role: "owner" }, sessionAuditContext(owner))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const revoked = await createInvitation(admin, { email: "revoked@example.test", role: "member" }, sessionAuditContext(owner));
    await revokeInvitation(owner, revoked.invitation.id, sessionAuditContext(owner));
    await expect(signUp({ email: "revoked@example.test", password, invitation: revoked.token }, origin)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const expired = await createInvitation(owner, { email: "late@example.test", role: "member" }, sessionAuditContext(owner));
    await db().invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(signUp({ email: "late@example.test", password, invitation: expired.token }, origin)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().user.count({ where: { email: { in: ["revoked@example.test", "late@example.test"] } } })).toBe(0);
  });

  it("lets owners rename the organisation, audited; nobody else", async () => {
    await expect(renameOrganization({ ...owner, orgRole: "admin" }, "Taken over", sessionAuditContext(owner))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await renameOrganization(owner, "Acme Platform", sessionAuditContext(owner))).toMatchObject({ name: "Acme Platform" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "org.rename", orgId: owner.orgId } });
    expect(event.metadata).toMatchObject({ after: "Acme Platform" });
  });
});

describe("sessions", () => {
  it("keeps only a hash of the session token and forgets ended or expired sessions", async () => {
    const ownerRow = await db().membership.findFirstOrThrow({ where: { role: "owner" }, include: { user: true } });
    const user = ownerRow.user;
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

describe("sessions on the database's clock", () => {
  it("neither lengthens nor cuts a session when the instance's clock is wrong", async () => {
    const { user } = await db().membership.findFirstOrThrow({ where: { role: "owner" }, include: { user: true } });
    const dayMs = 86_400_000;
    const realNow = Date.now();
    try {
      // An instance 60 days fast: the session still lasts its full time by the database's clock.
      vi.useFakeTimers({ toFake: ["Date"], now: realNow + 60 * dayMs });
      const fast = await startSession(user.id);
      expect(Math.abs(fast.expiresAt.getTime() - (realNow + SESSION_TTL_MS))).toBeLessThan(dayMs);
      expect(await resolveSession(fast.token)).toMatchObject({ userId: user.id });

      // An instance 60 days slow: a session the database says has expired stays expired.
      vi.setSystemTime(realNow - 60 * dayMs);
      const slow = await startSession(user.id);
      await db().$executeRaw`UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = ${user.id}::uuid`;
      expect(await resolveSession(slow.token)).toBeNull();
      expect(await resolveSession(fast.token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
