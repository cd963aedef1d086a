import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createRegistry, previewRegistry } from "@/lib/registries/service";
import { listRegistries } from "@/lib/registries/store";
import { createOrgWithMembers } from "../support/fixtures";
import { GOOD_DOCUMENT, startRegistryServer, type RegistryServer } from "../support/registry-server";
import { allowPrivateHosts, auditFor, registryCount } from "../support/registries";

// Discovery against a real HTTP server on loopback. Loopback is a private address, so the
// organisation allows private hosts unless a test is about that setting.

let server: RegistryServer;
let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
// Answers that should arrive get a deadline no machine misses; the deadline itself is tested
// against a server that never answers (tests/support/registry-server.ts: "slow", "slow-body").
const PATIENT = { timeoutMs: 30_000 };
const SHORT_DEADLINE = { timeoutMs: 400 };

beforeAll(async () => {
  server = await startRegistryServer();
  org = await createOrgWithMembers();
  await allowPrivateHosts(org.owner);
});
afterAll(() => server.close());

const preview = (variant: string, options = PATIENT) => previewRegistry(org.owner, `${server.url}/${variant}`, options);

describe("a good registry.json", () => {
  it("is validated and summarised, with a relative api_base made absolute", async () => {
    const found = await preview("good");
    expect(found).toEqual({
      url: `${server.url}/good`,
      documentUrl: `${server.url}/good/.well-known/registry.json`,
      discovery: {
        name: "Company Private",
        version: "2.1.0",
        apiBase: `${server.url}/api`,
        tokenEndpoints: {
          list: { method: "GET", path: "/api/tokens" },
          create: { method: "POST", path: "/api/tokens" },
          revoke: { method: "DELETE", path: "/api/tokens/{id}" },
        },
        verifyEndpoint: { method: "POST", path: "/api/tokens/verify" },
        authSchemes: ["bearer", "api_key"],
        endpoints: {},
        capabilities: [],
      },
    });
    expect(server.requests).toContain("GET /good/.well-known/registry.json");
  });

  it("normalises the URL: trailing slashes go, the document is looked up under the path", async () => {
    const found = await preview("good/nested///");
    expect(found.url).toBe(`${server.url}/good/nested`);
    expect(found.discovery.name).toBe("Nested");
  });

  it("is added with what discovery found, last in priority order", async () => {
    const before = (await listRegistries(org.orgId)).length;
    const created = await createRegistry(org.admin, { url: `${server.url}/good`, scopes: ["@company"] }, auditFor(org.admin), PATIENT);
    expect(created).toMatchObject({
      name: GOOD_DOCUMENT.name,
      url: `${server.url}/good`,
      apiBase: `${server.url}/api`,
      scopes: ["@company"],
      isDefault: false,
      builtIn: false,
      priority: before,
      apiKeyMask: null,
    });
    expect(created.discovery?.verifyEndpoint).toEqual({ method: "POST", path: "/api/tokens/verify" });
    await expect(createRegistry(org.admin, { url: `${server.url}/good/` }, auditFor(org.admin), PATIENT)).rejects.toMatchObject({
      code: "CONFLICT",
      field: "url",
      message: `${server.url}/good is already in the list as Company Private.`,
    });
  });
});

describe("bad answers get a clear error naming the url field, and nothing is saved", () => {
  it.each([
    ["malformed", /is not valid JSON/],
    ["wrong-shape", /"endpoints\.verify" must be a path \("\/api\/tokens\/verify"\) or look like "POST \/api\/tokens\/verify"/],
    ["not-object", /must be a JSON object/],
    ["bad-endpoint", /"endpoints\.tokens\.list" must look like "GET \/api\/tokens"/],
    ["missing", /has no \/\.well-known\/registry\.json \(HTTP 404\)/],
    ["server-error", /answered HTTP 500/],
    ["slow", /did not answer in time/],
    ["slow-body", /did not answer in time/],
    ["huge", /larger than 64 KiB/],
    ["huge-declared", /larger than 64 KiB/],
    ["redirect-loop", /Too many redirects \(more than 3\)/],
    ["redirect-4", /Too many redirects/],
  ])("%s", async (variant, message) => {
    const before = await registryCount(org.orgId);
    const options = variant.startsWith("slow") ? SHORT_DEADLINE : PATIENT;
    const attempt = createRegistry(
      org.owner,
      { url: `${server.url}/${variant}`, apiKey: "prmd_should_not_be_stored_1234" },
      auditFor(org.owner),
      options,
    );
    await expect(attempt).rejects.toMatchObject({ code: "DISCOVERY_FAILED", field: "url", message: expect.stringMatching(message) });
    expect(await registryCount(org.orgId)).toBe(before);
  });

  it("follows up to three redirects", async () => {
    expect((await preview("redirect-3")).documentUrl).toBe(`${server.url}/good/.well-known/registry.json`);
  });
});

describe("SSRF protections", () => {
  it.each([
    ["redirect-metadata", /Redirected to http:\/\/169\.254\.169\.254\/.*link-local/],
    ["redirect-metadata-v6", /fd00:ec2::254.*AWS instance metadata/],
    ["redirect-mapped-metadata", /169\.254\.169\.254.*link-local/],
    ["redirect-link-local", /fe80::1.*link-local/],
  ])("refuses a redirect to a metadata or link-local address (%s), before connecting", async (variant, message) => {
    await expect(preview(variant)).rejects.toMatchObject({
      code: "HOST_NOT_ALLOWED",
      field: "url",
      message: expect.stringMatching(message),
    });
  });

  it("refuses a redirect to another scheme", async () => {
    await expect(preview("redirect-file")).rejects.toMatchObject({
      code: "HOST_NOT_ALLOWED",
      message: expect.stringMatching(/Only http and https/),
    });
  });

  it("re-checks every hop: a decimal-encoded loopback redirect is followed only because private hosts are allowed", async () => {
    expect((await preview("redirect-decimal-loopback")).discovery.name).toBe(GOOD_DOCUMENT.name);
  });

  it("refuses metadata and special addresses typed in directly", async () => {
    for (const url of [
      "http://169.254.169.254",
      "http://[fd00:ec2::254]",
      "http://0.0.0.0:8080",
      "http://[::]",
      "http://224.0.0.1",
      "http://[::ffff:a9fe:a9fe]",
    ]) {
      await expect(previewRegistry(org.owner, url, PATIENT), url).rejects.toMatchObject({ code: "HOST_NOT_ALLOWED", field: "url" });
    }
  });

  it("refuses URLs that are not http(s) or carry credentials", async () => {
    await expect(previewRegistry(org.owner, "ftp://registry.example.com")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      field: "url",
    });
    await expect(previewRegistry(org.owner, "https://user:pw@registry.example.com")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/credentials/),
    });
  });

  it("refuses private and loopback hosts unless the organisation allows them", async () => {
    const strict = await createOrgWithMembers();
    const attempt = createRegistry(strict.owner, { url: `${server.url}/good` }, auditFor(strict.owner), PATIENT);
    await expect(attempt).rejects.toMatchObject({
      code: "HOST_NOT_ALLOWED",
      message: expect.stringMatching(/127\.0\.0\.1, a loopback address\. Private network hosts are off/),
    });
    const localhost = previewRegistry(strict.owner, `${server.url.replace("127.0.0.1", "localhost")}/good`, PATIENT);
    await expect(localhost).rejects.toMatchObject({ code: "HOST_NOT_ALLOWED", message: expect.stringMatching(/localhost resolves to/) });
    expect((await listRegistries(strict.orgId)).map((registry) => registry.url)).toEqual(["https://registry.npmjs.org"]);

    await allowPrivateHosts(strict.owner);
    expect((await previewRegistry(strict.owner, `${server.url}/good`, PATIENT)).discovery.name).toBe(GOOD_DOCUMENT.name);
  });

  it("connects to the address it checked, whatever the name resolves to later", async () => {
    let lookups = 0;
    const port = new URL(server.url).port;
    const pinned = await previewRegistry(org.owner, `http://registry.internal.test:${port}/good`, {
      ...PATIENT,
      resolve: async () => {
        lookups += 1;
        return lookups === 1 ? ["127.0.0.1"] : ["169.254.169.254"];
      },
    });
    expect(pinned.discovery.name).toBe(GOOD_DOCUMENT.name);
    expect(lookups).toBe(1);
  });

  it("refuses a name when any of its addresses is forbidden", async () => {
    const attempt = previewRegistry(org.owner, "http://mixed.example.test/", {
      ...PATIENT,
      resolve: async () => ["93.184.216.34", "169.254.169.254"],
    });
    await expect(attempt).rejects.toMatchObject({
      code: "HOST_NOT_ALLOWED",
      message: expect.stringMatching(/mixed\.example\.test resolves to 169\.254\.169\.254/),
    });
    const unknown = previewRegistry(org.owner, "http://nowhere.example.test/", { ...PATIENT, resolve: async () => [] });
    await expect(unknown).rejects.toMatchObject({ code: "DISCOVERY_FAILED", message: expect.stringMatching(/could not be resolved/) });
  });

  it("lets only owners and admins discover", async () => {
    await expect(previewRegistry(org.member, `${server.url}/good`, PATIENT)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("audit", () => {
  it("records the creation with the actor, address and masked key, never the key", async () => {
    const created = await createRegistry(
      org.owner,
      { url: `${server.url}/good/nested`, name: "Audited", apiKey: "prmd_audit_secret_0123456789wxyz" },
      auditFor(org.owner),
      PATIENT,
    );
    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, targetId: created.id, action: "registry.create" } });
    expect(event).toMatchObject({ actorId: org.owner.userId, ip: "203.0.113.7", userAgent: "vitest", targetType: "registry" });
    expect(event.metadata).toMatchObject({ name: "Audited", apiKey: "prmd_****wxyz" });
    expect(JSON.stringify(event.metadata)).not.toContain("audit_secret");
  });
});
