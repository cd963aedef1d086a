import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfigYaml } from "@/lib/registries/config-file";
import { detectConfigFormat } from "@/lib/registries/config-map";
import { previewRegistry } from "@/lib/registries/service";
import { listRegistries } from "@/lib/registries/store";
import { exportRegistries, importRegistries } from "@/lib/registries/transfer";
import { createOrgWithMembers } from "../support/fixtures";
import { startRegistryServer, type RegistryServer } from "../support/registry-server";
import { allowPrivateHosts, auditFor, issuesOf } from "../support/registries";

// The prompd clients' formats, with fixtures written from issue 14's description
// (tests/registries/fixtures): the map-format config.yaml inside a file of other settings,
// merging an export into it, and PrompdHub's discovery document.

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const PROMPD_CONFIG = fixture("prompd-config.yaml");
const SEED_CONFIG = fixture("seed-config.yaml");

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer();
});
afterAll(() => server.close());

describe("reading the map format", () => {
  it("detects the format and reads names, urls, api_key or token, scopes and the default", () => {
    expect(detectConfigFormat(parse(PROMPD_CONFIG))).toBe("map");
    expect(detectConfigFormat(parse(SEED_CONFIG))).toBe("list");
    const entries = parseConfigYaml(PROMPD_CONFIG);
    expect(entries.map(({ name, url, apiKey, scopes, isDefault }) => ({ name, url, apiKey, scopes, isDefault }))).toEqual([
      { name: "prompdhub", url: "https://registry.prompdhub.ai", apiKey: undefined, scopes: [], isDefault: true },
      {
        name: "company",
        url: "https://registry.company.example",
        apiKey: "prmd_company_token_fixture_0123",
        scopes: ["@company"],
        isDefault: false,
      },
    ]);
    expect(entries[1]!.line).toBe(16);
  });

  it("names the file's own fields and lines in its errors", () => {
    const broken = PROMPD_CONFIG.replace("url: https://registry.company.example", "url: ftp://registry.company.example");
    expect(issuesOf(() => parseConfigYaml(broken))[0]).toMatchObject({ field: "registry.registries.company.url", line: 17 });
    const unknownDefault = PROMPD_CONFIG.replace("default: prompdhub", "default: nowhere");
    expect(issuesOf(() => parseConfigYaml(unknownDefault))[0]).toMatchObject({
      field: "registry.default",
      line: 12,
      message: '"nowhere" is not one of the registries.',
    });
  });
});

describe("importing and exporting the map format", () => {
  it("imports the prompd file, then exports it back in the map format", async () => {
    const org = await createOrgWithMembers();
    const summary = await importRegistries(org.owner, PROMPD_CONFIG, auditFor(org.owner));
    expect(summary.created).toEqual(["prompdhub", "company"]);
    const registries = await listRegistries(org.orgId);
    expect(registries.slice(0, 2).map((registry) => [registry.name, registry.isDefault, registry.scopes])).toEqual([
      ["prompdhub", true, []],
      ["company", false, ["@company"]],
    ]);

    const exported = await exportRegistries(org.owner, { includeSecrets: true, format: "map" }, auditFor(org.owner), "Acme");
    const file = parse(exported.content);
    expect(file.registry.default).toBe("prompdhub");
    expect(Object.keys(file.registry.registries).slice(0, 2)).toEqual(["prompdhub", "company"]);
    expect(file.registry.registries.company).toEqual({
      url: "https://registry.company.example",
      api_key: "prmd_company_token_fixture_0123",
    });
    expect(file.scopes).toEqual({ "@company": "company" });
    expect(
      parseConfigYaml(exported.content)
        .slice(0, 2)
        .map((entry) => entry.name),
    ).toEqual(["prompdhub", "company"]);
  });

  it("merges an export into the user's file, keeping every key Keysmith does not own", async () => {
    const org = await createOrgWithMembers();
    await importRegistries(org.owner, PROMPD_CONFIG, auditFor(org.owner));
    const merged = await exportRegistries(org.member, { includeSecrets: false, mergeInto: PROMPD_CONFIG }, auditFor(org.member), "Acme");
    const before = parse(PROMPD_CONFIG);
    const after = parse(merged.content);
    expect(after.providers).toEqual(before.providers);
    expect(after.default_provider).toBe("anthropic");
    expect(after.editor).toEqual({ theme: "dark" });
    // Exported without secrets: the user's own token and username stay.
    expect(after.registry.registries.company).toMatchObject({
      url: "https://registry.company.example",
      token: "prmd_company_token_fixture_0123",
      username: "alice",
    });
    expect(after.registry.default).toBe("prompdhub");
    expect(after.scopes["@company"]).toBe("company");
    expect(merged.content).toContain("# the clients use it; Keysmith keeps it on merge");
  });

  it("merges into a list-format file the same way", async () => {
    const org = await createOrgWithMembers();
    await importRegistries(org.owner, PROMPD_CONFIG, auditFor(org.owner));
    const merged = parse(
      (await exportRegistries(org.owner, { includeSecrets: false, mergeInto: SEED_CONFIG }, auditFor(org.owner), "Acme")).content,
    );
    expect(merged.telemetry).toBe(false);
    const company = merged.registries.find((entry: { url: string }) => entry.url === "https://registry.company.example");
    expect(company).toMatchObject({ name: "company", scopes: ["@company"], mirror: "eu-west", api_key: "prmd_company_token_fixture_0123" });
    expect(merged.registries.filter((entry: { default?: boolean }) => entry.default)).toHaveLength(1);
  });

  it("refuses a file to merge into that is not YAML, naming mergeInto", async () => {
    const org = await createOrgWithMembers();
    await expect(
      exportRegistries(org.owner, { includeSecrets: false, mergeInto: "registry: [unclosed" }, auditFor(org.owner), "Acme"),
    ).rejects.toMatchObject({ field: "mergeInto" });
  });
});

describe("PrompdHub's discovery document", () => {
  it("is accepted: the API base comes from the URL, flat endpoints and capabilities are read", async () => {
    const org = await createOrgWithMembers();
    await allowPrivateHosts(org.owner);
    server.serveDocument("prompdhub", JSON.parse(fixture("prompdhub-registry.json")));
    const found = await previewRegistry(org.owner, `${server.url}/prompdhub`, { timeoutMs: 30_000 });
    expect(found.discovery).toMatchObject({
      name: "PrompdHub",
      version: "1.8.2",
      apiBase: `${server.url}/prompdhub`,
      tokenEndpoints: {
        list: { method: "GET", path: "/auth/tokens" },
        create: { method: "POST", path: "/auth/tokens" },
        revoke: { method: "DELETE", path: "/auth/tokens/{id}" },
      },
      verifyEndpoint: null,
      endpoints: { packages: "/packages", search: "/search", tokens: "/auth/tokens", user: "/auth/me" },
      capabilities: ["search", "publish", "scoped-packages", "tokens"],
    });
  });
});
