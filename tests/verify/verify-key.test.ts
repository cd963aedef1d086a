import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db/client";
import { checksumOf, generateKey, parseRawKey } from "@/lib/keys/format";
import { createKey, revokeKey, setKeyDisabled } from "@/lib/keys/service";
import { VerificationUnavailableError, Verifier } from "@/lib/verify";
import { LISTENER_APPLICATION_NAME } from "@/lib/verify/key-change-listener";
import type { KeyState } from "@/lib/verify/key-state-store";
import { createOrgWithMembers } from "../support/fixtures";
import { countingLoader, testRedis, testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

/** The same keyId with another secret and a correct checksum: passes parsing, fails the proof. */
function withWrongSecret(rawKey: string): string {
  const parsed = parseRawKey(rawKey)!;
  const other = generateKey().secret;
  const body = `ks_${parsed.environment}_${parsed.type}_${parsed.keyId}_${other}`;
  return body + checksumOf(body);
}

describe("verifyKey codes", () => {
  it("answers VALID with the key's fields and a rate-limit state", async () => {
    const { verifier } = await testVerifier();
    const expiresAt = new Date(Date.now() + 3_600_000);
    const created = await createKey(org.owner, { name: "svc", scopes: ["packages:read"], expiresAt });
    const result = await verifier.verify(created.rawKey);
    expect(result).toMatchObject({
      valid: true,
      code: "VALID",
      keyId: parseRawKey(created.rawKey)!.keyId,
      orgId: org.orgId,
      name: "svc",
      scopes: ["packages:read"],
      expiresAt: expiresAt.toISOString(),
      ratelimit: { limit: 300, remaining: 299 },
    });
    expect(result.ratelimit!.reset).toBeGreaterThan(Date.now());
  });

  it("answers MALFORMED without any database access", async () => {
    const loader = countingLoader();
    const { verifier } = await testVerifier({ loadStates: loader });
    const { rawKey } = await createKey(org.owner, { name: "typo" });
    const typo = rawKey.slice(0, 30) + (rawKey[30] === "a" ? "b" : "a") + rawKey.slice(31);
    for (const input of ["", "nope", rawKey.slice(0, -1), typo, "x".repeat(10_000), 42, null, undefined]) {
      const result = await verifier.verify(input);
      expect(result).toEqual({
        valid: false,
        code: "MALFORMED",
        keyId: null,
        orgId: null,
        name: null,
        type: null,
        environment: null,
        projectId: null,
        scopes: [],
        expiresAt: null,
        meta: null,
        ratelimit: null,
        remaining: null,
      });
    }
    expect(loader.calls).toBe(0);
  });

  it("answers a wrong secret exactly like an unknown keyId", async () => {
    const { verifier } = await testVerifier();
    const { rawKey } = await createKey(org.owner, { name: "guess me" });
    expect((await verifier.verify(rawKey)).code).toBe("VALID");
    const unknown = await verifier.verify(generateKey().raw);
    const wrong = await verifier.verify(withWrongSecret(rawKey));
    expect(unknown).toEqual({
      valid: false,
      code: "NOT_FOUND",
      keyId: null,
      orgId: null,
      name: null,
      type: null,
      environment: null,
      projectId: null,
      scopes: [],
      expiresAt: null,
      meta: null,
      ratelimit: null,
      remaining: null,
    });
    expect(wrong).toEqual(unknown);
    // A proven key stays proven; the wrong secret did not poison it.
    expect((await verifier.verify(rawKey)).code).toBe("VALID");
  });

  it("answers REVOKED, DISABLED and EXPIRED only to the right secret", async () => {
    const { verifier } = await testVerifier();
    const revoked = await createKey(org.owner, { name: "revoked" });
    await revokeKey(org.owner, revoked.key.id);
    const disabled = await createKey(org.owner, { name: "disabled" });
    await setKeyDisabled(org.admin, disabled.key.id, true);
    const expired = await createKey(org.owner, { name: "expired" });
    await db().apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(await verifier.verify(revoked.rawKey)).toMatchObject({ valid: false, code: "REVOKED", name: "revoked", ratelimit: null });
    expect(await verifier.verify(disabled.rawKey)).toMatchObject({ valid: false, code: "DISABLED" });
    expect(await verifier.verify(expired.rawKey)).toMatchObject({ valid: false, code: "EXPIRED" });
    for (const key of [revoked, disabled, expired]) {
      expect((await verifier.verify(withWrongSecret(key.rawKey))).code).toBe("NOT_FOUND");
    }

    await setKeyDisabled(org.admin, disabled.key.id, false);
    await expect.poll(async () => (await verifier.verify(disabled.rawKey)).code, { timeout: 1000, interval: 20 }).toBe("VALID");
  });

  it("answers INSUFFICIENT_SCOPE unless every required scope is granted", async () => {
    const { verifier } = await testVerifier();
    const { rawKey } = await createKey(org.owner, { name: "scoped", scopes: ["packages:*", "audit:read"] });
    const admin = await createKey(org.owner, { name: "admin", scopes: ["admin:*"] });
    const none = await createKey(org.owner, { name: "no scopes" });
    const code = async (key: string, scopes: string[]) => (await verifier.verify(key, { scopes })).code;

    expect(await code(rawKey, [])).toBe("VALID");
    expect(await code(rawKey, ["packages:read"])).toBe("VALID");
    expect(await code(rawKey, ["packages:publish:beta"])).toBe("VALID");
    expect(await code(rawKey, ["audit:read"])).toBe("VALID");
    expect(await code(rawKey, ["packages:read", "audit:read"])).toBe("VALID");
    expect(await code(rawKey, ["packages:read", "audit:write"])).toBe("INSUFFICIENT_SCOPE");
    expect(await code(rawKey, ["packagesx:read"])).toBe("INSUFFICIENT_SCOPE");
    expect(await code(admin.rawKey, ["anything:at-all", "keys:write"])).toBe("VALID");
    expect(await code(none.rawKey, ["packages:read"])).toBe("INSUFFICIENT_SCOPE");
    expect(await verifier.verify(rawKey, { scopes: ["x:y"] })).toMatchObject({
      valid: false,
      name: "scoped",
      scopes: ["packages:*", "audit:read"],
    });
  });

  it("answers RATE_LIMITED for the 301st verification within a minute", async () => {
    const { verifier, usage } = await testVerifier();
    const { rawKey, key } = await createKey(org.owner, { name: "busy" });
    const results = [];
    for (let i = 0; i < 301; i++) results.push(await verifier.verify(rawKey));
    expect(results.slice(0, 300).every((r) => r.code === "VALID")).toBe(true);
    expect(results[299]!.ratelimit!.remaining).toBe(0);
    expect(results[300]).toMatchObject({ valid: false, code: "RATE_LIMITED", ratelimit: { limit: 300, remaining: 0 } });
    await usage.stop();
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).usageCount).toBe(300n);
  });

  it("shares a key's limit between two verifiers through Redis, past it by at most the other's unsynced decisions", async () => {
    const prefix = `keysmith-test:shared:${Date.now()}`;
    const a = await testVerifier({ rateLimitPrefix: prefix });
    const b = await testVerifier({ rateLimitPrefix: prefix });
    const { rawKey } = await createKey(org.owner, { name: "shared", rateLimitPerMinute: 5 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await a.verifier.verify(rawKey)).code);
    await a.verifier.syncLimits();
    // b decides in memory: it has not synced this key yet, so its first decision passes (the bound:
    // one unsynced decision per other instance) and its sync brings back the shared total.
    codes.push((await b.verifier.verify(rawKey)).code);
    await b.verifier.syncLimits();
    codes.push((await b.verifier.verify(rawKey)).code);
    await a.verifier.syncLimits();
    codes.push((await a.verifier.verify(rawKey)).code);
    expect(codes).toEqual(["VALID", "VALID", "VALID", "VALID", "VALID", "VALID", "RATE_LIMITED", "RATE_LIMITED"]);
    expect(await testRedis.get(`${prefix}:key:${parseRawKey(rawKey)!.keyId}`)).toBe("6");
  });

  it("limits keys that name no key per address, without ever locking out that address's valid keys", async () => {
    const loader = countingLoader();
    const { verifier } = await testVerifier({ loadStates: loader, failuresPerMinute: 3 });
    const { rawKey } = await createKey(org.owner, { name: "guarded" });
    const ip = "203.0.113.7";
    expect((await verifier.verify("junk", { ip })).code).toBe("MALFORMED");
    expect((await verifier.verify(generateKey().raw, { ip })).code).toBe("NOT_FOUND");
    expect((await verifier.verify("more junk", { ip })).code).toBe("MALFORMED");
    const callsBefore = loader.calls;
    const limited = await verifier.verify("junk again", { ip });
    expect(limited).toMatchObject({ valid: false, code: "RATE_LIMITED", keyId: null, ratelimit: { limit: 3, remaining: 0 } });
    expect((await verifier.verify(generateKey().raw, { ip })).code).toBe("RATE_LIMITED");
    expect(loader.calls).toBe(callsBefore + 1); // the unknown id was looked up, the junk never
    // The same address's real key still works: 60 junk keys sent through a service lock nobody out.
    expect((await verifier.verify(rawKey, { ip })).code).toBe("VALID");
  });

  it("limits wrong secrets per address and key id: the key stays usable elsewhere, and other keys from the address", async () => {
    const { verifier } = await testVerifier({ failuresPerMinute: 3 });
    const target = await createKey(org.owner, { name: "brute-forced" });
    const other = await createKey(org.owner, { name: "bystander" });
    const ip = "203.0.113.9";
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await verifier.verify(withWrongSecret(target.rawKey), { ip })).code).toBe("NOT_FOUND");
    expect((await verifier.verify(withWrongSecret(target.rawKey), { ip })).code).toBe("RATE_LIMITED");
    // Past the limit this address gets no more Argon2 answers for this key, right secret or not…
    expect((await verifier.verify(target.rawKey, { ip })).code).toBe("RATE_LIMITED");
    // …while the key works from elsewhere, and once proven there it skips the limiter from everywhere.
    expect((await verifier.verify(target.rawKey, { ip: "198.51.100.2" })).code).toBe("VALID");
    expect((await verifier.verify(target.rawKey, { ip })).code).toBe("VALID");
    expect((await verifier.verify(other.rawKey, { ip })).code).toBe("VALID");
  });

  it("does not count failures against a service that proved itself, and keeps the management API's counter apart", async () => {
    const { verifier } = await testVerifier({ failuresPerMinute: 2 });
    const { rawKey } = await createKey(org.owner, { name: "served" });
    const ip = "203.0.113.10";
    for (let attempt = 0; attempt < 10; attempt += 1)
      expect((await verifier.verify(`junk ${attempt}`, { ip, caller: "service" })).code).toBe("MALFORMED");
    for (let attempt = 0; attempt < 3; attempt += 1) await verifier.verify(`junk ${attempt}`, { ip });
    expect((await verifier.verify("junk", { ip })).code).toBe("RATE_LIMITED");
    expect((await verifier.verify("junk", { ip, purpose: "management" })).code).toBe("MALFORMED");
    expect((await verifier.verify(rawKey, { ip, purpose: "management" })).code).toBe("VALID");
  });

  it("binds the environment and type written in the key: a relabelled key is unknown", async () => {
    const { verifier } = await testVerifier();
    const live = await createKey(org.owner, { name: "live admin", role: "admin" });
    expect(await verifier.verify(live.rawKey)).toMatchObject({ code: "VALID", environment: "live", type: "sk" });
    const parsed = parseRawKey(live.rawKey)!;
    for (const [environment, type] of [
      ["test", "pk"],
      ["test", "sk"],
      ["live", "pk"],
    ] as const) {
      const body = `ks_${environment}_${type}_${parsed.keyId}_${parsed.secret}`;
      const relabelled = body + checksumOf(body);
      expect(parseRawKey(relabelled), relabelled).not.toBeNull();
      expect((await verifier.verify(relabelled)).code, `${environment} ${type}`).toBe("NOT_FOUND");
    }
  });
});

describe("caching and revocation", () => {
  it("serves a hot key from memory: one state query for a burst", async () => {
    const loader = countingLoader();
    const { verifier } = await testVerifier({ loadStates: loader });
    const { rawKey } = await createKey(org.owner, { name: "hot" });
    const results = await Promise.all(Array.from({ length: 50 }, () => verifier.verify(rawKey)));
    expect(results.every((r) => r.code === "VALID")).toBe(true);
    expect(loader.calls).toBe(1);
  });

  it("batches cold keys asked for together into one query", async () => {
    const loader = countingLoader();
    const { verifier } = await testVerifier({ loadStates: loader });
    const keys = await Promise.all(Array.from({ length: 5 }, (_, i) => createKey(org.owner, { name: `cold ${i}` })));
    const results = await Promise.all(keys.map((k) => verifier.verify(k.rawKey)));
    expect(results.map((r) => r.code)).toEqual(Array(5).fill("VALID"));
    expect(loader.calls).toBe(1);
  });

  it("a revocation reaches a second verifier (its own listener) within one second", async () => {
    const first = await testVerifier();
    const second = await testVerifier({ stateTtlMs: 60_000 });
    expect(second.verifier.listening).toBe(true);
    const { rawKey, key } = await createKey(org.owner, { name: "to revoke" });
    expect((await first.verifier.verify(rawKey)).code).toBe("VALID");
    expect((await second.verifier.verify(rawKey)).code).toBe("VALID");

    const started = performance.now();
    await revokeKey(org.owner, key.id);
    let code = "";
    while (performance.now() - started < 1000) {
      code = (await second.verifier.verify(rawKey)).code;
      if (code === "REVOKED") break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsed = performance.now() - started;
    console.log(`revocation seen by the second verifier after ${elapsed.toFixed(1)} ms`);
    expect(code).toBe("REVOKED");
  });

  it("does not trust cached state while its listener is down, and reconnects", async () => {
    const { verifier } = await testVerifier({ stateTtlMs: 60_000 });
    const { rawKey, key } = await createKey(org.owner, { name: "listener down" });
    expect((await verifier.verify(rawKey)).code).toBe("VALID");

    // Cut every listener connection to this database, then change the key without a notification.
    await db().$queryRaw`SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
      WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`;
    await expect.poll(() => verifier.listening, { timeout: 2000, interval: 5 }).toBe(false);
    await db().apiKey.update({ where: { id: key.id }, data: { status: "revoked", revokedAt: new Date() } });
    expect((await verifier.verify(rawKey)).code).toBe("REVOKED");

    await expect.poll(() => verifier.listening, { timeout: 5000, interval: 20 }).toBe(true);
    expect((await verifier.verify(rawKey)).code).toBe("REVOKED");
  });

  it("fails closed when the database cannot be reached", async () => {
    const dead = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    const loadStates = async (keyIds: string[]) =>
      (await dead.query<KeyState>('SELECT * FROM "ApiKey" WHERE "keyId" = ANY($1)', [keyIds])).rows;
    const verifier = new Verifier({
      connectionString: "postgres://postgres@127.0.0.1:1/none",
      loadStates,
      redis: null,
      failuresPerMinute: 0,
    });
    try {
      const { rawKey } = await createKey(org.owner, { name: "unreachable" });
      await expect(verifier.verify(rawKey)).rejects.toBeInstanceOf(VerificationUnavailableError);
      expect((await verifier.verify("malformed")).code).toBe("MALFORMED");
    } finally {
      await verifier.close();
      await dead.end();
    }
  });
});

afterAll(async () => {});
