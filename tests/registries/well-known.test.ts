import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeDiscoveryDocument } from "@/lib/registries/discovery-document";
import { previewRegistry } from "@/lib/registries/service";
import { KEYSMITH_CAPABILITIES, keysmithRegistryDocument, publicOrigin } from "@/lib/registries/well-known";
import packageJson from "@/package.json";
import { createOrgWithMembers } from "../support/fixtures";
import { startRegistryServer, type RegistryServer } from "../support/registry-server";
import { allowPrivateHosts } from "../support/registries";

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer();
});
afterAll(() => server.close());

describe("Keysmith's own /.well-known/registry.json", () => {
  it("describes the API: token endpoints, the verify endpoint and the auth schemes", () => {
    const document = keysmithRegistryDocument("https://keys.example.com");
    expect(document).toMatchObject({
      name: "Keysmith",
      version: packageJson.version,
      api_base: "https://keys.example.com/api",
      endpoints: { tokens: "/api/tokens", verify: "/api/tokens/verify", openapi: "/api/openapi.json", health: "/api/health" },
      capabilities: expect.arrayContaining(["tokens", "tokens.verify"]),
    });
    // Flat path strings, as PrompdHub-style clients read them: never objects.
    expect(Object.values(document.endpoints).every((value) => typeof value === "string" && value.startsWith("/"))).toBe(true);
    expect(document.auth.schemes.map((scheme) => [scheme.type, scheme.header ?? scheme.cookie])).toEqual([
      ["bearer", "Authorization"],
      ["api_key", "X-API-Key"],
      ["session_cookie", "ks_session"],
    ]);
  });

  it("passes Keysmith's own discovery validation, so one Keysmith can discover another", async () => {
    const summary = summarizeDiscoveryDocument(keysmithRegistryDocument("https://keys.example.com"), "https://keys.example.com");
    expect(summary).toMatchObject({ ok: true, summary: { verifyEndpoint: { method: "POST", path: "/api/tokens/verify" } } });

    const org = await createOrgWithMembers();
    await allowPrivateHosts(org.owner);
    server.serveDocument("keysmith", keysmithRegistryDocument(server.url));
    const found = await previewRegistry(org.owner, `${server.url}/keysmith`);
    expect(found.discovery).toEqual({
      name: "Keysmith",
      version: packageJson.version,
      apiBase: `${server.url}/api`,
      tokenEndpoints: {
        list: { method: "GET", path: "/api/tokens" },
        create: { method: "POST", path: "/api/tokens" },
        revoke: { method: "DELETE", path: "/api/tokens/{id}" },
      },
      verifyEndpoint: { method: "POST", path: "/api/tokens/verify" },
      authSchemes: ["bearer", "api_key", "session_cookie"],
      endpoints: { tokens: "/api/tokens", verify: "/api/tokens/verify", openapi: "/api/openapi.json", health: "/api/health" },
      capabilities: KEYSMITH_CAPABILITIES,
    });
  });

  it("uses KEYSMITH_PUBLIC_URL as the origin when it is set", () => {
    const saved = process.env.KEYSMITH_PUBLIC_URL;
    try {
      process.env.KEYSMITH_PUBLIC_URL = "https://keys.example.com/ignored-path";
      expect(publicOrigin("http://10.0.0.5:3000")).toBe("https://keys.example.com");
      delete process.env.KEYSMITH_PUBLIC_URL;
      expect(publicOrigin("http://localhost:3000")).toBe("http://localhost:3000");
    } finally {
      if (saved === undefined) delete process.env.KEYSMITH_PUBLIC_URL;
      else process.env.KEYSMITH_PUBLIC_URL = saved;
    }
  });
});
