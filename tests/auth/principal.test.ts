import { describe, expect, it } from "vitest";
import { authorize } from "@/lib/api/authorize";
import type { Operation } from "@/lib/api/operation";
import { scopesGrant } from "@/lib/auth/permissions";
import { assertCanGrant, canGrant, type Principal } from "@/lib/auth/principal";
import { capToIssuerLifetime, withinIssuerLifetime } from "@/lib/keys/issuer-bounds";

// The authority model's pieces one by one, with the messages people see (docs/authorization.md).

const ORG = "0193a5b6-0000-7000-8000-0000000000aa";
const session = (orgRole: Principal["orgRole"]): Principal => ({ userId: "user-1", orgId: ORG, orgRole });
function key(scopes: string[], extra: Partial<NonNullable<Principal["key"]>> = {}, orgRole: Principal["orgRole"] = "owner"): Principal {
  return {
    userId: "apikey:abcdefghijkl",
    orgId: ORG,
    orgRole,
    key: {
      id: "0193a5b6-0000-7000-8000-0000000000bb",
      keyId: "abcdefghijkl",
      type: "sk",
      scopes,
      projectId: null,
      expiresAt: null,
      creatorUserId: "user-1",
      ...extra,
    },
  };
}
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string; field?: string; status: number };
  }
  return null;
};

describe("scopesGrant", () => {
  it("lets <area>:write grant <area>:read, and nothing else grant more than it names", () => {
    expect(scopesGrant(["registries:write"], "registries:read")).toBe(true);
    expect(scopesGrant(["registries:read"], "registries:write")).toBe(false);
    expect(scopesGrant(["keys:write"], "keys:admin")).toBe(false);
    expect(scopesGrant(["keys:write"], "keys:pk")).toBe(false);
    expect(scopesGrant(["keys:*"], "keys:admin")).toBe(true);
    expect(scopesGrant(["admin:*"], "members:owner")).toBe(false);
    expect(scopesGrant(["admin:*"], "registries:secrets")).toBe(false);
    expect(scopesGrant(["members:write:extra"], "members:read")).toBe(false);
  });
});

describe("canGrant and assertCanGrant", () => {
  it("lets owners and admins grant anything and members nothing", () => {
    expect(canGrant(session("owner"), ["admin:*"])).toBe(true);
    expect(canGrant(session("admin"), ["admin:*", "anything:else"])).toBe(true);
    expect(canGrant(session("member"), ["packages:read"])).toBe(false);
    expect(canGrant(session("member"), [])).toBe(true);
  });

  it("lets a key grant what it holds, wildcards compared as written, admin:* only from admin:*", () => {
    expect(canGrant(key(["packages:*"]), ["packages:read", "packages:publish:beta", "packages:*"])).toBe(true);
    expect(canGrant(key(["packages:read"]), ["packages:*"])).toBe(false);
    expect(canGrant(key(["keys:*", "packages:*"]), ["admin:*"])).toBe(false);
    expect(canGrant(key(["admin:*"]), ["admin:*", "keys:write"])).toBe(true);
  });

  it("names the first scope not held, and the field it came in", () => {
    const error = errorOf(() => assertCanGrant(key(["packages:read"]), ["packages:read", "packages:write", "admin:*"]));
    expect(error).toMatchObject({
      code: "AUTHORITY_EXCEEDED",
      status: 403,
      field: "scopes.1",
      message: "You cannot grant packages:write: a key can only receive scopes its issuer holds itself.",
    });
    expect(errorOf(() => assertCanGrant(key(["packages:read"]), ["admin:*"], "role"))).toMatchObject({
      field: "role",
      message: expect.stringContaining("admin:*"),
    });
    expect(errorOf(() => assertCanGrant(key(["packages:read"]), ["packages:read"]))).toBeNull();
    expect(errorOf(() => assertCanGrant(session("member"), ["packages:read"]))).toMatchObject({ field: "scopes.0" });
  });
});

describe("the issuer's lifetime", () => {
  const latest = new Date("2027-01-10T00:00:00Z");
  const shortLived = key(["keys:write"], { expiresAt: latest });

  it("refuses no expiry and anything more than a minute past the issuing key's, naming expiresAt", () => {
    for (const asked of [null, new Date(latest.getTime() + 60_001), new Date("2028-01-01T00:00:00Z")]) {
      expect(
        errorOf(() => withinIssuerLifetime(shortLived, asked)),
        String(asked),
      ).toMatchObject({
        code: "AUTHORITY_EXCEEDED",
        field: "expiresAt",
        message: `A key made by an API key cannot outlive it: choose an expiry on or before ${latest.toISOString()}.`,
      });
    }
  });

  it("keeps an earlier expiry and caps one within the minute at the issuer's", () => {
    const earlier = new Date(latest.getTime() - 1);
    expect(withinIssuerLifetime(shortLived, earlier)).toEqual(earlier);
    expect(withinIssuerLifetime(shortLived, new Date(latest.getTime() + 60_000))).toEqual(latest);
    expect(withinIssuerLifetime(shortLived, latest)).toEqual(latest);
    expect(withinIssuerLifetime(session("owner"), null)).toBeNull();
    expect(withinIssuerLifetime(key(["keys:write"]), null)).toBeNull();
  });

  it("caps rotations and publishable keys at the issuer's expiry, and leaves the rest alone", () => {
    expect(capToIssuerLifetime(shortLived, null)).toEqual(latest);
    expect(capToIssuerLifetime(shortLived, new Date(latest.getTime() + 1))).toEqual(latest);
    const earlier = new Date(latest.getTime() - 1);
    expect(capToIssuerLifetime(shortLived, earlier)).toEqual(earlier);
    expect(capToIssuerLifetime(shortLived, latest)).toEqual(latest);
    expect(capToIssuerLifetime(session("owner"), null)).toBeNull();
  });
});

describe("authorize: every refusal says why", () => {
  const declared = (
    callers: ("session" | "sk" | "pk")[],
    projectKeys: "own" | "shared" | "refused" = "own",
  ): Pick<Operation, "access"> => ({
    access: { permission: "keys:read", callers, projectKeys },
  });

  it("tells anonymous callers what to send", () => {
    expect(authorize(declared(["session", "sk"]), null)).toMatchObject({
      code: "UNAUTHENTICATED",
      message: "Sign in to use this API, or send an API key.",
    });
    expect(authorize(declared(["sk"]), null)).toMatchObject({
      code: "UNAUTHENTICATED",
      message: "This operation is for servers: send a secret API key in the Authorization or X-API-Key header.",
    });
    expect(authorize(declared(["sk"]), session("owner"))).toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringContaining("for servers"),
    });
  });

  it("refuses publishable keys unless the operation says so, and secret keys where only people may act", () => {
    const pk = key(["keys:read"], { type: "pk" });
    expect(authorize(declared(["session", "sk"]), pk)).toMatchObject({
      code: "PUBLISHABLE_KEY",
      status: 401,
      message: "Publishable (pk) keys are for verification only; use a secret (sk) key for the management API.",
    });
    expect(authorize(declared(["session", "sk", "pk"]), pk)).toBeNull();
    expect(authorize(declared(["session"]), key(["keys:read"]))).toMatchObject({
      code: "FORBIDDEN",
      message: "API keys cannot do this; sign in to the dashboard.",
    });
    expect(authorize(declared(["session"]), session("member"))).toBeNull();
  });

  it("keeps project-limited keys to what their project may do", () => {
    const limited = key(["keys:read"], { projectId: "0193a5b6-0000-7000-8000-0000000000cc" });
    expect(authorize(declared(["sk"], "refused"), limited)).toMatchObject({
      code: "FORBIDDEN",
      message: "This API key is limited to one project; this operation acts on the whole organisation.",
    });
    expect(authorize(declared(["sk"], "shared"), limited)).toBeNull();
    expect(authorize(declared(["sk"], "refused"), key(["keys:read"]))).toBeNull();
  });

  it("explains a missing permission by role, by scope, or by the creator's current role", () => {
    expect(
      authorize({ access: { permission: "keys:write", callers: ["session", "sk"], projectKeys: "own" } }, session("member")),
    ).toMatchObject({
      code: "FORBIDDEN",
      message: "Your role (member) does not allow this: it needs keys:write.",
    });
    expect(
      authorize({ access: { permission: "keys:write", callers: ["session", "sk"], projectKeys: "own" } }, key(["keys:read"])),
    ).toMatchObject({
      message: "This API key needs the keys:write scope.",
    });
    expect(
      authorize({ access: { permission: "keys:write", callers: ["session", "sk"], projectKeys: "own" } }, key(["admin:*"], {}, "member")),
    ).toMatchObject({
      message: "This API key's creator is now member and no longer holds keys:write, so neither does the key.",
    });
  });
});
