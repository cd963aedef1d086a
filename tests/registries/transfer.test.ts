import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { db } from "@/lib/db/client";
import { parseRawKey } from "@/lib/keys/format";
import { verifySecret } from "@/lib/keys/hash";
import { parseConfigYaml } from "@/lib/registries/config-file";
import { createRegistry, reorderRegistries } from "@/lib/registries/service";
import { listRegistries } from "@/lib/registries/store";
import { exportRegistries, importRegistries } from "@/lib/registries/transfer";
import { createOrgWithMembers } from "../support/fixtures";
import { startRegistryServer, type RegistryServer } from "../support/registry-server";
import { allowPrivateHosts, auditFor, issuesOf } from "../support/registries";

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer();
});
afterAll(() => server.close());

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;
const COMPANY_KEY = "prmd_company_0123456789abcdefWXYZ";

/** Company Private (@company, key, upstream → public) ahead of the public default. */
async function configuredOrg(): Promise<Org> {
  const org = await createOrgWithMembers();
  await allowPrivateHosts(org.owner);
  server.serveDocument(`${org.orgId}/company`, { name: "Company Private", api_base: "/api" });
  const [publicRegistry] = await listRegistries(org.orgId);
  const company = await createRegistry(
    org.owner,
    { url: `${server.url}/${org.orgId}/company`, apiKey: COMPANY_KEY, scopes: ["@company"], upstreamId: publicRegistry!.id },
    auditFor(org.owner),
  );
  await reorderRegistries(org.owner, [company.id, publicRegistry!.id], auditFor(org.owner));
  return org;
}

const exportFor = (org: Org, role: "owner" | "admin" | "member", options: { includeSecrets?: boolean; mintKeyFor?: string | null } = {}) =>
  exportRegistries(
    org[role],
    { includeSecrets: options.includeSecrets ?? false, mintKeyFor: options.mintKeyFor },
    auditFor(org[role]),
    "Acme",
  );

describe("export", () => {
  it("writes the seed's format in priority order, without secrets by default", async () => {
    const org = await configuredOrg();
    const file = await exportFor(org, "member");
    expect(file.fileName).toBe("config.yaml");
    expect(file.mintedKey).toBeNull();
    expect(parse(file.content)).toEqual({
      registries: [
        { name: "Company Private", url: `${server.url}/${org.orgId}/company`, scopes: ["@company"], upstream: "npm public registry" },
        { name: "npm public registry", url: "https://registry.npmjs.org", default: true },
      ],
    });
    expect(file.content).toContain('scopes: ["@company"]');
    expect(file.content).toContain("# api_key prmd_****WXYZ not included (export with secrets to include it)");
    expect(file.content).not.toContain(COMPANY_KEY);
  });

  it("includes the clear upstream keys only for owners and admins who ask", async () => {
    const org = await configuredOrg();
    await expect(exportFor(org, "member", { includeSecrets: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const file = await exportFor(org, "admin", { includeSecrets: true });
    expect(parse(file.content).registries[0].api_key).toBe(COMPANY_KEY);
    expect(file.content).toContain("This file contains API keys");
    const events = await db().auditEvent.findMany({
      where: { orgId: org.orgId, action: "registry.export" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => event.metadata)).toEqual([{ registries: 2, includeSecrets: true, mintedKey: null }]);
  });

  it("can mint a fresh Keysmith key into one registry's entry, stored only as a hash", async () => {
    const org = await configuredOrg();
    const [company] = await listRegistries(org.orgId);
    await expect(exportFor(org, "member", { mintKeyFor: company!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const file = await exportFor(org, "owner", { mintKeyFor: company!.id });
    const minted = parse(file.content).registries[0].api_key as string;
    const parsed = parseRawKey(minted);
    expect(parsed).not.toBeNull();
    expect(file.mintedKey).toMatchObject({
      name: "config.yaml: Company Private",
      prefix: minted.slice(0, 15),
      registryName: "Company Private",
    });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: file.mintedKey!.id } });
    // The reader role (packages:read, registries:read) and the documented default lifetime of 90 days.
    expect(row.role).toBe("reader");
    expect([...row.scopes].sort()).toEqual(["packages:read", "registries:read"]);
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeGreaterThan(90 * 86_400_000 - 60_000);
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeLessThan(90 * 86_400_000 + 60_000);
    expect(await verifySecret(row.hash, parsed!.secret)).toBe(true);
    const bigIntsAsText = (_: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);
    expect(JSON.stringify(row, bigIntsAsText)).not.toContain(parsed!.secret);
    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, action: "registry.export" } });
    expect(JSON.stringify(event.metadata)).not.toContain(parsed!.secret);
    expect(event.metadata).toMatchObject({ mintedKey: { id: row.id, prefix: row.prefix, registry: "Company Private" } });
  });
});

describe("import", () => {
  it("round-trips an export with secrets into another organisation", async () => {
    const source = await configuredOrg();
    const file = await exportFor(source, "owner", { includeSecrets: true });
    const target = await createOrgWithMembers();
    const summary = await importRegistries(target.admin, file.content, auditFor(target.admin));
    expect(summary).toEqual({ created: ["Company Private"], updated: [], untouched: ["npm public registry"] });

    const strip = (registries: Awaited<ReturnType<typeof listRegistries>>) =>
      registries.map(({ name, url, scopes, isDefault, priority, upstream, apiKeyMask }) => ({
        name,
        url,
        scopes,
        isDefault,
        priority,
        upstream: upstream?.name ?? null,
        apiKeyMask,
      }));
    expect(strip(await listRegistries(target.orgId))).toEqual(strip(await listRegistries(source.orgId)));
    const again = await exportFor(target, "owner", { includeSecrets: true });
    expect(parse(again.content)).toEqual(parse(file.content));

    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: target.orgId, action: "registry.import" } });
    expect(event.metadata).toMatchObject({ created: ["Company Private"], apiKeys: ["Company Private"] });
    expect(JSON.stringify(event.metadata)).not.toContain(COMPANY_KEY);
  });

  it("merges by URL: keeps keys a file leaves out, applies order, default and upstreams", async () => {
    const org = await configuredOrg();
    const companyUrl = `${server.url}/${org.orgId}/company`;
    const yaml = [
      "registries:",
      "  - name: npm public registry",
      "    url: https://registry.npmjs.org/",
      "  - name: Internal Mirror",
      "    url: https://mirror.internal.example",
      "    api_key: mirror_0123456789abcdef",
      "    default: true",
      "    upstream: npm public registry",
      "  - name: Company",
      `    url: ${companyUrl}`,
      '    scopes: ["@company", "@company-tools/*"]',
      "    upstream: Internal Mirror",
      "other_settings: kept by clients, ignored here",
    ].join("\n");
    const summary = await importRegistries(org.owner, yaml, auditFor(org.owner));
    expect(summary).toEqual({ created: ["Internal Mirror"], updated: ["npm public registry", "Company"], untouched: [] });
    expect(await listRegistries(org.orgId)).toMatchObject([
      { name: "npm public registry", isDefault: false, priority: 0, builtIn: true },
      { name: "Internal Mirror", isDefault: true, priority: 1, apiKeyMask: "mirror_****cdef", upstream: { name: "npm public registry" } },
      {
        name: "Company",
        scopes: ["@company", "@company-tools"],
        priority: 2,
        apiKeyMask: "prmd_****WXYZ",
        upstream: { name: "Internal Mirror" },
      },
    ]);
    const exported = await exportFor(org, "owner", { includeSecrets: true });
    expect(parse(exported.content).registries[2].api_key).toBe(COMPANY_KEY);
  });

  it("is all or nothing: a problem anywhere changes nothing", async () => {
    const org = await configuredOrg();
    const before = await listRegistries(org.orgId);
    const yaml = [
      "registries:",
      "  - name: New One",
      "    url: https://new.example",
      "    default: true",
      "  - name: Company Private",
      `    url: ${server.url}/${org.orgId}/company`,
      "    upstream: Nobody",
    ].join("\n");
    await expect(importRegistries(org.owner, yaml, auditFor(org.owner))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: 'Line 7, registries.1.upstream: No registry named "Nobody" in the file or the organisation.',
    });
    expect(await listRegistries(org.orgId)).toEqual(before);
    expect(await db().auditEvent.count({ where: { orgId: org.orgId, action: "registry.import" } })).toBe(0);
  });

  it("refuses scopes and names that clash with registries the file does not mention, and loops", async () => {
    const org = await configuredOrg();
    const clash = "registries:\n  - name: Other\n    url: https://other.example\n    scopes: ['@company']\n";
    await expect(importRegistries(org.owner, clash, auditFor(org.owner))).rejects.toMatchObject({
      message: "Line 4, registries.0.scopes: @company is already served by Company Private; a scope belongs to one registry.",
    });
    const loop = [
      "registries:",
      "  - name: A",
      "    url: https://a.example",
      "    upstream: B",
      "  - name: B",
      "    url: https://b.example",
      "    upstream: A",
    ].join("\n");
    await expect(importRegistries(org.owner, loop, auditFor(org.owner))).rejects.toMatchObject({
      message: "Line 4, registries.0.upstream: This upstream makes a loop: A → B → A.",
    });
    await expect(importRegistries(org.member, loop, auditFor(org.member))).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Company Private (not in the next file) falls through to the public registry; the file
    // renames that one and points it back at Company Private: still a loop.
    const renamedLoop = [
      "registries:",
      "  - name: Public renamed",
      "    url: https://registry.npmjs.org",
      "    upstream: Company Private",
    ].join("\n");
    await expect(importRegistries(org.owner, renamedLoop, auditFor(org.owner))).rejects.toMatchObject({
      message: "Line 4, registries.0.upstream: This upstream makes a loop: Public renamed → Company Private → Public renamed.",
    });
  });
});

describe("parseConfigYaml: errors name the line and the field", () => {
  it("reports YAML syntax errors with their line", () => {
    const issues = issuesOf(() => parseConfigYaml("registries:\n  - name: A\n    url: [unclosed\n"));
    expect(issues[0]).toMatchObject({ line: expect.any(Number), field: null, message: expect.stringMatching(/^Not valid YAML: /) });
    expect(issuesOf(() => parseConfigYaml("registries:\n  - name: A\n    name: B\n    url: https://a.example\n"))[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/unique/i),
    });
  });

  it("points at the offending value, the unknown key, or the entry missing a field", () => {
    const yaml = [
      "registries:", //                                    1
      "  - name: Good", //                                 2
      "    url: https://good.example", //                  3
      "  - name: Bad URL", //                              4
      "    url: ftp://files.example", //                   5
      "  - name: Typo", //                                 6
      "    url: https://typo.example", //                  7
      "    scope: ['@x']", //                              8
      "  - name: No URL", //                               9
      "  - name: Masked", //                               10
      "    url: https://masked.example", //                11
      "    api_key: prmd_****wxyz", //                     12
      "  - name: Bad scope", //                            13
      "    url: https://scope.example", //                 14
      "    scopes: [company]", //                          15
      "  - name: Bad default", //                          16
      "    url: https://default.example", //               17
      "    default: yes please", //                        18
    ].join("\n");
    const issues = issuesOf(() => parseConfigYaml(yaml));
    expect(issues.map(({ line, field }) => [line, field])).toEqual([
      [5, "registries.1.url"],
      [8, "registries.2.scope"],
      [9, "registries.3.url"],
      [12, "registries.4.api_key"],
      [15, "registries.5.scopes.0"],
      [18, "registries.6.default"],
    ]);
    expect(issues[0]!.message).toBe("Only http and https registries are supported, not ftp.");
    expect(issues[1]!.message).toBe('Unknown field "scope" (expected name, url, api_key, scopes, default, upstream).');
    expect(issues[3]!.message).toMatch(/masked key/);
    expect(issues[4]!.message).toBe('"company" is not a scope: scopes look like @company.');
    expect(() => parseConfigYaml(yaml)).toThrow(
      /^Line 5, registries\.1\.url: Only http and https registries are supported, not ftp\. \(and 5 more problems\)$/,
    );
  });

  it("reports problems between entries", () => {
    const yaml = [
      "registries:",
      "  - name: One",
      "    url: https://one.example",
      "    scopes: ['@a']",
      "    default: true",
      "  - name: one",
      "    url: https://one.example/",
      "    scopes: ['@a']",
      "    default: true",
      "    upstream: ONE",
    ].join("\n");
    expect(issuesOf(() => parseConfigYaml(yaml)).map(({ line, message }) => [line, message])).toEqual([
      [6, 'The name "one" is already used by entry 1.'],
      [7, "https://one.example is already listed as entry 1."],
      [8, "@a is already served by entry 1; a scope belongs to one registry."],
      [9, "Only one registry can be the default; entry 1 already is."],
      [10, "A registry cannot be its own upstream."],
    ]);
  });

  it("refuses files that are not a registries mapping, aliases and oversized files", () => {
    expect(issuesOf(() => parseConfigYaml("- just\n- a list\n"))[0]).toMatchObject({
      line: 1,
      message: "The file must be a YAML mapping with a registries list.",
    });
    expect(issuesOf(() => parseConfigYaml("other: 1\n"))[0]).toMatchObject({ field: "registries" });
    expect(issuesOf(() => parseConfigYaml("registries: []\n"))[0]).toMatchObject({ line: 1, message: "registries is empty." });
    const aliases = "base: &b {name: A, url: https://a.example}\nregistries:\n  - *b\n";
    expect(issuesOf(() => parseConfigYaml(aliases))[0]!.message).toMatch(/alias/i);
    expect(issuesOf(() => parseConfigYaml(`registries:\n${"  - name: x\n".repeat(7000)}`))[0]!.message).toMatch(/at most 64 KiB/);
  });
});

describe("keys minted for a registry never replace its stored key", () => {
  it("leaves the stored upstream key as it was", async () => {
    const org = await configuredOrg();
    const [company] = await listRegistries(org.orgId);
    await exportFor(org, "owner", { mintKeyFor: company!.id });
    expect((await listRegistries(org.orgId))[0]!.apiKeyMask).toBe("prmd_****WXYZ");
  });
});
