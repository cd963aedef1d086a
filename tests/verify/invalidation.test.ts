import { beforeAll, describe, expect, it } from "vitest";
import { sessionAuditContext } from "@/lib/keys/audit-context";
import { parseRawKey } from "@/lib/keys/format";
import { rotateKey } from "@/lib/keys/rotate";
import { createKey, revokeKey } from "@/lib/keys/service";
import { KeyStateStore, loadKeyStatesFromDb } from "@/lib/verify/key-state-store";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";

// Revocation reaches verifiers through LISTEN/NOTIFY, not through the cache running out: these
// tests keep the caches on (a minute of trust) so only the notification can make them pass.

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const CACHE_ON = { stateTtlMs: 60_000 };

describe("verifiers hear about changes at once, with their caches on", () => {
  it("rotation with no grace: the old key answers REVOKED well before its cached state would expire", async () => {
    const { verifier } = await testVerifier(CACHE_ON);
    const old = await createKey(org.owner, { name: "rotated under cache" });
    expect((await verifier.verify(old.rawKey)).code).toBe("VALID");
    expect((await verifier.verify(old.rawKey)).code).toBe("VALID"); // now cached
    const rotated = await rotateKey(org.owner, old.key.id, "none", sessionAuditContext(org.owner));
    await expect.poll(async () => (await verifier.verify(old.rawKey)).code, { timeout: 10_000 }).toBe("REVOKED");
    expect((await verifier.verify(rotated.rawKey)).code).toBe("VALID");
  });

  it("revocation: a cached VALID key answers REVOKED", async () => {
    const { verifier } = await testVerifier(CACHE_ON);
    const key = await createKey(org.owner, { name: "revoked under cache" });
    expect((await verifier.verify(key.rawKey)).code).toBe("VALID");
    await revokeKey(org.owner, key.key.id);
    await expect.poll(async () => (await verifier.verify(key.rawKey)).code, { timeout: 10_000 }).toBe("REVOKED");
  });
});

describe("a revoke during an in-flight key-state load", () => {
  it("does not leave the old state in the cache, and requests after the invalidation read the new state", async () => {
    const key = await createKey(org.owner, { name: "in flight" });
    const keyId = parseRawKey(key.rawKey)!.keyId;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let loads = 0;
    const store = new KeyStateStore({
      ttlMs: 60_000,
      max: 100,
      trusted: () => true,
      // The first load reads the row, then stalls before answering: the revoke lands meanwhile.
      load: async (ids) => {
        loads += 1;
        const states = await loadKeyStatesFromDb(ids);
        if (loads === 1) await gate;
        return states;
      },
    });

    const first = store.get(keyId);
    await expect.poll(() => loads).toBe(1);
    await revokeKey(org.owner, key.key.id);
    store.invalidate(keyId); // what the NOTIFY listener does

    const second = store.get(keyId);
    try {
      // A load of its own, not the stalled one (which would hand it the old state).
      await expect.poll(() => loads, { timeout: 10_000 }).toBe(2);
    } finally {
      release();
    }
    expect((await second)?.status).toBe("revoked");
    expect((await first)?.status).toBe("active"); // began before the revoke
    expect((await store.get(keyId))?.status).toBe("revoked");
    expect(loads).toBe(2);
  });

  it("shares a load that has not started yet with requests made after an invalidation", async () => {
    const key = await createKey(org.owner, { name: "queued" });
    const keyId = parseRawKey(key.rawKey)!.keyId;
    let loads = 0;
    const store = new KeyStateStore({
      ttlMs: 60_000,
      max: 100,
      trusted: () => true,
      load: async (ids) => ((loads += 1), loadKeyStatesFromDb(ids)),
    });
    const first = store.get(keyId);
    store.invalidate(keyId);
    const second = store.get(keyId);
    expect((await first)?.keyId).toBe(keyId);
    expect((await second)?.keyId).toBe(keyId);
    expect(loads).toBe(1);
  });
});
