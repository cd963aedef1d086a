import { beforeAll, describe, expect, it } from "vitest";
import { validate } from "@/lib/api/parse";
import { db } from "@/lib/db/client";
import { parseRawKey } from "@/lib/keys/format";
import { ROLE_SCOPES } from "@/lib/keys/roles";
import { createKey } from "@/lib/keys/service";
import { createKeySchema } from "@/lib/validations/keys";
import { createOrgWithMembers } from "../support/fixtures";
import { failedField } from "../support/route";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const create = (body: unknown) => createKey(org.owner, validate(createKeySchema, body));

describe("key types and environments", () => {
  it("puts type and environment in the raw key and the masked value", async () => {
    const sk = await create({ name: "server", environment: "test" });
    expect(sk.rawKey).toMatch(/^ks_test_sk_/);
    expect(sk.key).toMatchObject({ type: "sk", environment: "test", maskedValue: `${sk.rawKey.slice(0, 15)}****` });
    const pk = await create({ name: "browser", type: "pk" });
    expect(pk.rawKey).toMatch(/^ks_live_pk_/);
    expect(parseRawKey(pk.rawKey)).toMatchObject({ type: "pk", environment: "live" });
    // A publishable key without a choice gets the executor role.
    expect(pk.key).toMatchObject({ type: "pk", role: "executor", scopes: [...ROLE_SCOPES.executor] });
  });

  it("verification reports the type; the stored type, not the raw text, decides", async () => {
    const { verifier } = await testVerifier();
    const pk = await create({ name: "pk verify", type: "pk", role: "reader" });
    expect(await verifier.verify(pk.rawKey)).toMatchObject({ code: "VALID", type: "pk", scopes: ROLE_SCOPES.reader });
  });

  it("gives publishable keys only read or execute access", async () => {
    await expect(create({ name: "x", type: "pk", role: "application" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      field: "role",
    });
    await expect(create({ name: "x", type: "pk", role: "admin" })).rejects.toMatchObject({ field: "role" });
    await expect(create({ name: "x", type: "pk", scopes: ["packages:read", "packages:write"] })).rejects.toMatchObject({
      field: "scopes.1",
    });
    expect((await create({ name: "ok", type: "pk", scopes: ["packages:read", "packages:execute"] })).key.role).toBeNull();
    expect(await db().apiKey.count({ where: { orgId: org.orgId, name: "x" } })).toBe(0);
  });

  it("refuses unknown types and environments naming the field", () => {
    expect(failedField(() => validate(createKeySchema, { name: "x", type: "rk" }))).toBe("type");
    expect(failedField(() => validate(createKeySchema, { name: "x", environment: "prod" }))).toBe("environment");
  });
});

describe("roles", () => {
  it("expands each role to its documented scopes and keeps the role", async () => {
    for (const role of ["reader", "executor", "application", "developer", "admin"] as const) {
      const { key } = await create({ name: `role ${role}`, role });
      expect(key).toMatchObject({ role, scopes: [...ROLE_SCOPES[role]] });
    }
    expect(ROLE_SCOPES.application).toContain("keys:pk");
    expect(ROLE_SCOPES.developer).not.toContain("admin:*");
    expect(ROLE_SCOPES.admin).toEqual(["admin:*"]);
  });

  it("takes a role or custom scopes, not both", () => {
    expect(failedField(() => validate(createKeySchema, { name: "x", role: "reader", scopes: ["packages:read"] }))).toBe("scopes");
    expect(failedField(() => validate(createKeySchema, { name: "x", role: "owner" }))).toBe("role");
  });

  it("verifies role scopes like any scopes", async () => {
    const { verifier } = await testVerifier();
    const { rawKey } = await create({ name: "exec", role: "executor" });
    expect((await verifier.verify(rawKey, { scopes: ["packages:execute"] })).code).toBe("VALID");
    expect((await verifier.verify(rawKey, { scopes: ["packages:write"] })).code).toBe("INSUFFICIENT_SCOPE");
  });
});
