import { describe, expect, it } from "vitest";
import { validate } from "@/lib/api/parse";
import { db } from "@/lib/db/client";
import { resolvePackage, resolvePackageForOrg, type ResolvableRegistry } from "@/lib/registries/resolve";
import { listRegistries } from "@/lib/registries/store";
import { resolveQuerySchema } from "@/lib/validations/registries";
import { createOrgWithMembers } from "../support/fixtures";

let counter = 0;
function registry(name: string, fields: Partial<ResolvableRegistry> = {}): ResolvableRegistry {
  counter += 1;
  return {
    id: `id-${name}`,
    name,
    url: `https://${name.toLowerCase()}.example`,
    priority: counter,
    scopes: [],
    isDefault: false,
    upstreamId: null,
    ...fields,
  };
}

describe("resolvePackage", () => {
  const company = registry("Company", { priority: 5, scopes: ["@company"], upstreamId: "id-Public" });
  const mirror = registry("Mirror", { priority: 1 });
  const publicRegistry = registry("Public", { priority: 2, isDefault: true });
  const tools = registry("Tools", { priority: 0, scopes: ["@tools"] });

  it("gives a scoped package to the registry of its scope, even at a lower priority", () => {
    const result = resolvePackage("@company/ui", [tools, mirror, publicRegistry, company]);
    expect(result).toMatchObject({ registry: { name: "Company" }, rule: "scope", scope: "@company" });
    expect(result.reason).toBe(
      "@company/ui is in the scope @company, which Company serves. Scoped registries are checked before the priority order. " +
        "Packages it does not host fall through to Public.",
    );
    expect(result.upstreams.map((upstream) => upstream.name)).toEqual(["Public"]);
    expect(result.trail.map((step) => [step.registry.name, step.outcome])).toEqual([
      ["Company", "selected"],
      ["Public", "upstream"],
    ]);
  });

  it("otherwise takes the first registry in priority order that is not limited to scopes", () => {
    const result = resolvePackage("left-pad", [publicRegistry, company, tools, mirror]);
    expect(result).toMatchObject({ registry: { name: "Mirror" }, rule: "priority", scope: null, cycleAt: null });
    expect(result.trail.map((step) => [step.registry.name, step.outcome, step.note])).toEqual([
      ["Tools", "skipped", "serves only @tools"],
      ["Mirror", "selected", "first registry in priority order that serves every package"],
    ]);
  });

  it("uses the priority order for a scope nobody serves", () => {
    const result = resolvePackage("@other/pkg", [publicRegistry, mirror, company]);
    expect(result.registry?.name).toBe("Mirror");
    expect(result.reason).toMatch(/^No registry serves the scope @other, so the priority order decides: Mirror is the first/);
  });

  it("never lets a registry limited to other scopes serve a package, not even the default", () => {
    const scopedDefault = registry("Scoped default", { priority: 9, scopes: ["@x"], isDefault: true });
    for (const name of ["react", "@unserved/pkg"]) {
      const result = resolvePackage(name, [tools, company, scopedDefault]);
      expect(result, name).toMatchObject({ registry: null, rule: "none", upstreams: [] });
      expect(result.reason).toMatch(/^No registry serves .*: every registry is limited to other scopes/);
      expect(result.trail.map((step) => step.outcome)).toEqual(["skipped", "skipped", "skipped"]);
    }
    // Its own scope still goes to it.
    expect(resolvePackage("@x/pkg", [tools, company, scopedDefault]).registry?.name).toBe("Scoped default");
  });

  it("follows upstream chains and stops at a loop", () => {
    const a = registry("A", { priority: 0, upstreamId: "id-B" });
    const b = registry("B", { priority: 1, upstreamId: "id-C", isDefault: true });
    const c = registry("C", { priority: 2, upstreamId: "id-B" });
    const result = resolvePackage("pkg", [a, b, c]);
    expect(result.registry?.name).toBe("A");
    expect(result.upstreams.map((upstream) => upstream.name)).toEqual(["B", "C"]);
    expect(result.cycleAt?.name).toBe("B");
    expect(result.reason).toMatch(/fall through to B → C\. The upstream chain loops back to B; Keysmith stops following it there\.$/);

    const self = registry("Self", { id: "id-Self", priority: 0, upstreamId: "id-Self", isDefault: true });
    expect(resolvePackage("pkg", [self])).toMatchObject({ upstreams: [], cycleAt: { name: "Self" } });
  });
});

describe("resolvePackageForOrg", () => {
  it("resolves against the organisation's stored registries, loops included", async () => {
    const org = await createOrgWithMembers();
    const [publicRegistry] = await listRegistries(org.orgId);
    // Loops cannot be made through the service; write one directly to check that resolution survives it.
    const mirror = await db().registry.create({ data: { orgId: org.orgId, name: "Mirror", url: "https://mirror.example", priority: 1 } });
    const company = await db().registry.create({
      data: { orgId: org.orgId, name: "Company", url: "https://company.example", priority: 2, scopes: ["@company"], upstreamId: mirror.id },
    });
    await db().registry.update({ where: { id: mirror.id }, data: { upstreamId: company.id } });

    const scoped = await resolvePackageForOrg(org.orgId, "@company/pkg");
    expect(scoped).toMatchObject({
      registry: { id: company.id },
      rule: "scope",
      upstreams: [{ name: "Mirror" }],
      cycleAt: { name: "Company" },
    });
    const plain = await resolvePackageForOrg(org.orgId, "lodash");
    expect(plain).toMatchObject({ registry: { id: publicRegistry!.id }, rule: "priority" });
  });

  it("validates package names", () => {
    expect(validate(resolveQuerySchema, { package: " @Company/Pkg " })).toEqual({ package: "@company/pkg" });
    for (const bad of [undefined, "", "@company", "@company/", "has space", "../etc", "a".repeat(215)]) {
      expect(() => validate(resolveQuerySchema, { package: bad }), String(bad)).toThrow();
    }
  });
});
