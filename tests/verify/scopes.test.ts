import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidScope, missingScopes } from "@/lib/keys/scopes";

describe("scope matching", () => {
  it("grants exact scopes, wildcards below their prefix, and everything for admin:*", () => {
    expect(missingScopes(["packages:read"], ["packages:read"])).toEqual([]);
    expect(missingScopes(["packages:read"], ["packages:write"])).toEqual(["packages:write"]);
    expect(missingScopes(["packages:*"], ["packages:read", "packages:publish:beta"])).toEqual([]);
    expect(missingScopes(["packages:*"], ["packagesx:read", "registries:read"])).toEqual(["packagesx:read", "registries:read"]);
    expect(missingScopes(["packages:publish:*"], ["packages:publish:beta", "packages:read"])).toEqual(["packages:read"]);
    expect(missingScopes(["admin:*"], ["keys:write", "anything:else"])).toEqual([]);
    expect(missingScopes([], [])).toEqual([]);
    expect(missingScopes([], ["a:b"])).toEqual(["a:b"]);
  });

  it("never grants a scope whose prefix differs from a wildcard's", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,8}$/),
        fc.stringMatching(/^[a-z]{1,8}$/),
        fc.stringMatching(/^[a-z]{1,8}$/),
        (a, b, action) => {
          fc.pre(a !== b && b !== "admin");
          return missingScopes([`${a}:*`], [`${b}:${action}`]).length === 1;
        },
      ),
    );
  });

  it("accepts resource:action shapes only", () => {
    for (const scope of ["packages:read", "packages:*", "admin:*", "a.b-c_d:e", "x:y:z"]) expect(isValidScope(scope)).toBe(true);
    for (const scope of ["", "*", "packages", "packages:", ":read", "a:*:b", "a::b", "sp ace:x", "a:b*", "x".repeat(99) + ":y"]) {
      expect(isValidScope(scope)).toBe(false);
    }
  });
});
