import { describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/service";
import { anonymousResult, VERIFY_CODES, type VerifyResult } from "@/lib/verify/result";
import { RESULT_FIELDS, verifyResultJson } from "@/lib/verify/result-json";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";

// The verify server writes verdicts with verifyResultJson instead of JSON.stringify: the text must
// be the same, byte for byte, for every shape a verdict takes.

const keyResult = (overrides: Partial<VerifyResult> = {}): VerifyResult => ({
  valid: true,
  code: "VALID",
  keyId: "7GbX2kQp9LmN",
  orgId: "0b9d6f0e-4b7a-4c1e-9a57-2f8f3c1d9e10",
  name: "Billing service",
  type: "sk",
  environment: "live",
  projectId: null,
  scopes: ["packages:read", "packages:*"],
  expiresAt: "2027-01-01T00:00:00.000Z",
  meta: { plan: "pro", nested: { n: 1, list: [true, null] } },
  ratelimit: { limit: 300, remaining: 299, reset: 1_795_000_000_000 },
  remaining: null,
  ...overrides,
});

describe("verifyResultJson", () => {
  it("writes every answer that names no key as JSON.stringify does, for every code and with a limit", () => {
    for (const code of VERIFY_CODES) {
      expect(verifyResultJson(anonymousResult(code))).toBe(JSON.stringify(anonymousResult(code)));
      const limited = anonymousResult(code, { limit: 60, remaining: 0, reset: 1_795_000_060_000 });
      expect(verifyResultJson(limited)).toBe(JSON.stringify(limited));
    }
  });

  it("writes key results as JSON.stringify does, escapes included", () => {
    const cases: VerifyResult[] = [
      keyResult(),
      keyResult({ valid: false, code: "REVOKED", ratelimit: null }),
      keyResult({ name: 'quote " backslash \\ newline \n tab \t ünïcødé \u2028 😀', projectId: "5c2b1d0e-3a4f-4b6c-8d7e-9f0a1b2c3d4e" }),
      keyResult({ meta: null, scopes: [], expiresAt: null, type: "pk", environment: "test" }),
      keyResult({ meta: { '"odd key"': "</script>", empty: {} } }),
      keyResult({ remaining: 0 }),
      keyResult({ code: "USAGE_EXCEEDED", valid: false, remaining: 12 }),
      // Spread as verification does when it adds the credits left: the field keeps its place.
      { ...keyResult(), remaining: 41 },
    ];
    for (const result of cases) expect(verifyResultJson(result)).toBe(JSON.stringify(result));
  });

  it("knows every field the verifier's results have, in their order (a new field must be written too)", async () => {
    const org = await createOrgWithMembers();
    const { rawKey } = await createKey(org.owner, { name: "fields" });
    const { verifier } = await testVerifier();
    const valid = await verifier.verify(rawKey);
    const outOfScope = await verifier.verify(rawKey, { scopes: ["nothing:granted"] });
    expect([valid.code, outOfScope.code]).toEqual(["VALID", "INSUFFICIENT_SCOPE"]);
    for (const result of [valid, outOfScope, anonymousResult("NOT_FOUND")]) {
      expect(Object.keys(result)).toEqual(RESULT_FIELDS);
      expect(verifyResultJson(result)).toBe(JSON.stringify(result));
    }
  });

  it("does not answer a result with key fields from the no-key cache", () => {
    const almostAnonymous = { ...anonymousResult("NOT_FOUND"), scopes: ["a:b"] };
    expect(verifyResultJson(almostAnonymous)).toBe(JSON.stringify(almostAnonymous));
    const withRemaining = { ...anonymousResult("USAGE_EXCEEDED"), remaining: 3 };
    expect(verifyResultJson(withRemaining)).toBe(JSON.stringify(withRemaining));
  });
});
