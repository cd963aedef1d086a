import { beforeAll, describe, expect, it } from "vitest";
import { validate } from "@/lib/api/parse";
import { checksumOf, generateKey, parseRawKey } from "@/lib/keys/format";
import { createKey } from "@/lib/keys/service";
import { ipAllowed } from "@/lib/net/ip-allowlist";
import { createKeySchema } from "@/lib/validations/keys";
import { handleVerifyHttp } from "@/lib/verify/http";
import { createOrgWithMembers } from "../support/fixtures";
import { failedField } from "../support/route";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
let other: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
  other = await createOrgWithMembers();
});

describe("IP allowlist ranges", () => {
  it("matches IPv4 and IPv6 CIDRs and single addresses, IPv4-mapped IPv6 as IPv4", () => {
    const ranges = ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7/32"];
    expect(ipAllowed(ranges, "203.0.113.9")).toBe(true);
    expect(ipAllowed(ranges, "::ffff:203.0.113.9")).toBe(true);
    expect(ipAllowed(ranges, "2001:db8:1::5")).toBe(true);
    expect(ipAllowed(ranges, "198.51.100.7")).toBe(true);
    expect(ipAllowed(ranges, "198.51.100.8")).toBe(false);
    expect(ipAllowed(ranges, "2001:db9::1")).toBe(false);
    expect(ipAllowed(ranges, null)).toBe(false);
    expect(ipAllowed([], null)).toBe(true);
  });

  it("validates and canonicalises entries, naming the bad one", () => {
    expect(validate(createKeySchema, { name: "x", allowedIps: ["10.0.0.1", "2001:DB8::/32", "10.0.0.1"] }).allowedIps).toEqual([
      "10.0.0.1/32",
      "2001:db8::/32",
    ]);
    expect(failedField(() => validate(createKeySchema, { name: "x", allowedIps: ["10.0.0.0/8", "10.0.0.0/33"] }))).toBe("allowedIps.1");
    expect(failedField(() => validate(createKeySchema, { name: "x", allowedIps: ["example.com"] }))).toBe("allowedIps.0");
  });
});

describe("verification with an allowlist", () => {
  it("answers IP_NOT_ALLOWED from elsewhere only to the right secret; a wrong one is simply unknown", async () => {
    const { verifier } = await testVerifier();
    const { rawKey } = await createKey(org.owner, { name: "office", allowedIps: ["203.0.113.0/24"] });
    // A wrong secret first: without the secret nobody learns that the key id exists.
    const parsed = parseRawKey(rawKey)!;
    const body = `ks_live_sk_${parsed.keyId}_${generateKey().secret}`;
    expect((await verifier.verify(body + checksumOf(body), { clientIp: "192.0.2.1" })).code).toBe("NOT_FOUND");
    expect((await verifier.verify(rawKey, { clientIp: "203.0.113.20" })).code).toBe("VALID");
    const outside = await verifier.verify(rawKey, { clientIp: "192.0.2.1" });
    expect(outside).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED", keyId: null, name: null, scopes: [] });
    expect((await verifier.verify(rawKey, { clientIp: null })).code).toBe("IP_NOT_ALLOWED");
  });

  it("POST /api/tokens/verify honours `ip` only from a service proving itself with a keys:verify key of the same organisation", async () => {
    const { verifier } = await testVerifier();
    const { rawKey } = await createKey(org.owner, { name: "proxy", allowedIps: ["2001:db8::/32"] });
    const service = (await createKey(org.owner, { name: "service", scopes: ["keys:verify"] })).rawKey;
    const stranger = (await createKey(other.owner, { name: "other org's service", scopes: ["keys:verify"] })).rawKey;
    const unscoped = (await createKey(org.owner, { name: "no verify scope", scopes: ["packages:read"] })).rawKey;
    const ask = async (body: object, ip: string | null, serviceKey?: string) => {
      const headers = serviceKey ? { authorization: `Bearer ${serviceKey}` } : {};
      return handleVerifyHttp({ headers, body: JSON.stringify({ key: rawKey, ...body }), ip }, verifier);
    };
    // Anyone can claim an address; only a proven service is believed.
    expect((await ask({ ip: "2001:db8::42" }, "192.0.2.1")).body).toMatchObject({ code: "IP_NOT_ALLOWED" });
    expect((await ask({ ip: "2001:db8::42" }, "192.0.2.1", service)).body).toMatchObject({ code: "VALID" });
    expect((await ask({ ip: "2001:db8::42" }, "192.0.2.1", stranger)).body).toMatchObject({ code: "IP_NOT_ALLOWED" });
    const refused = await ask({ ip: "2001:db8::42" }, "192.0.2.1", unscoped);
    expect(refused.status).toBe(403);
    expect((await ask({}, "2001:db8::43")).body).toMatchObject({ code: "VALID" });
    expect((await ask({}, "192.0.2.1")).body).toMatchObject({ code: "IP_NOT_ALLOWED" });
    const bad = await handleVerifyHttp({ headers: {}, body: JSON.stringify({ key: rawKey, ip: "not-an-ip" }), ip: null }, verifier);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: "ip" } });
  });
});
