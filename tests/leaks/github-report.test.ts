import { createHash } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/leaks/github/route";
import { db } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/format";
import { getKeyPolicy, updateKeyPolicy } from "@/lib/keys/policy";
import { createKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";
import { auditFor } from "../support/registries";
import { testScanner } from "../support/scanner-keys";
import { testVerifier } from "../support/verifier";

// POST /api/leaks/github through its real route handler, on the test database, with reports
// signed by a scanner key pair of our own (configured like GitHub's; nothing is fetched).

const scanner = testScanner();
const saved = process.env.KEYSMITH_SECRET_SCANNING_KEYS;
beforeAll(() => {
  process.env.KEYSMITH_SECRET_SCANNING_KEYS = scanner.document;
});
afterAll(() => {
  if (saved === undefined) delete process.env.KEYSMITH_SECRET_SCANNING_KEYS;
  else process.env.KEYSMITH_SECRET_SCANNING_KEYS = saved;
});

const report = (body: string, headers: Record<string, string>) =>
  POST(
    new NextRequest("http://localhost/api/leaks/github", {
      method: "POST",
      headers: { "user-agent": "GitHub-Secret-Scanning", ...headers },
      body,
    }),
  );
const signed = (body: unknown) => {
  const text = JSON.stringify(body);
  return report(text, scanner.sign(text));
};
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const URL_FOUND = "https://github.com/octo/demo/blob/0123abc/.env";

describe("a signed leak report", () => {
  it("marks our key leaked, revokes it (the default), audits it, and labels every match", async () => {
    const org = await createOrgWithMembers();
    expect((await getKeyPolicy(org.orgId)).revokeLeakedKeys).toBe(true);
    const { key, rawKey } = await createKey(org.owner, { name: "leaky", scopes: ["packages:read"] });
    const { verifier } = await testVerifier();
    expect((await verifier.verify(rawKey)).code).toBe("VALID");
    const lookalike = generateKey().raw;

    const response = await signed([
      { token: rawKey, type: "keysmith_api_key", url: URL_FOUND, source: "content" },
      { token: lookalike, type: "keysmith_api_key", url: URL_FOUND, source: "content" },
    ]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { token_hash: sha256(rawKey), token_type: "keysmith_api_key", label: "true_positive" },
      { token_hash: sha256(lookalike), token_type: "keysmith_api_key", label: "false_positive" },
    ]);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored).toMatchObject({ status: "revoked", leakedUrl: URL_FOUND });
    expect(stored.leakedAt).toBeInstanceOf(Date);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { orgId: org.orgId, action: "key.leak_report" } });
    expect(audit).toMatchObject({ actorId: "system", targetId: key.id, userAgent: "GitHub-Secret-Scanning" });
    expect(audit.metadata).toMatchObject({ url: URL_FOUND, source: "content", revoked: true });
    expect(JSON.stringify(audit.metadata)).not.toContain(rawKey.slice(20));
    await expect.poll(async () => (await verifier.verify(rawKey)).code).toBe("REVOKED");
  });

  it("only marks the key when the organisation chose not to revoke leaked keys", async () => {
    const org = await createOrgWithMembers();
    const policy = await getKeyPolicy(org.orgId);
    await updateKeyPolicy(org.owner, { ...policy, revokeLeakedKeys: false }, auditFor(org.owner));
    const { key, rawKey } = await createKey(org.owner, { name: "leaky but kept", scopes: ["packages:read"] });
    expect(await (await signed([{ token: rawKey, type: "keysmith_api_key", url: URL_FOUND }])).json()).toMatchObject([
      { label: "true_positive" },
    ]);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.status).toBe("active");
    expect(stored.leakedAt).not.toBeNull();
    const { verifier } = await testVerifier();
    expect((await verifier.verify(rawKey)).code).toBe("VALID");
  });

  it("is a false positive for a real key id with the wrong secret", async () => {
    const org = await createOrgWithMembers();
    const { key, rawKey } = await createKey(org.owner, { name: "not leaked", scopes: ["packages:read"] });
    const other = generateKey();
    const forged = `${rawKey.slice(0, 24)}${other.raw.slice(24, 24 + 43)}`;
    const { checksumOf } = await import("@/lib/keys/format");
    const withChecksum = forged + checksumOf(forged);
    expect(await (await signed([{ token: withChecksum, type: "keysmith_api_key" }])).json()).toMatchObject([{ label: "false_positive" }]);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).leakedAt).toBeNull();
  });
});

describe("a report that cannot be trusted or read", () => {
  it("is refused with 401 without a valid signature by a configured key", async () => {
    const org = await createOrgWithMembers();
    const { key, rawKey } = await createKey(org.owner, { name: "safe", scopes: ["packages:read"] });
    const body = JSON.stringify([{ token: rawKey, type: "keysmith_api_key" }]);
    const stranger = testScanner("test-scanner-key-1");
    const cases: Record<string, string>[] = [
      { "content-type": "application/json" },
      { ...scanner.sign(body), "github-public-key-identifier": "unknown-key" },
      { ...scanner.sign(`${body} `) },
      stranger.sign(body),
      { ...scanner.sign(body), "github-public-key-signature": "bm90IGEgc2lnbmF0dXJl" },
    ];
    for (const headers of cases) {
      const response = await report(body, headers);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
    }
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).status).toBe("active");
  });

  it("answers 400 naming the field for a signed body that is not a report", async () => {
    const cases: [unknown, string | undefined][] = [
      [{ token: "x" }, undefined],
      [[], undefined],
      [[{ type: "keysmith_api_key" }], "0.token"],
      [[{ token: "x", type: 5 }], "0.type"],
    ];
    for (const [body, field] of cases) {
      const response = await signed(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()).error;
      expect(error.code).toBe("VALIDATION_FAILED");
      if (field) expect(error.field).toBe(field);
    }
    const notJson = "not json";
    expect((await report(notJson, scanner.sign(notJson))).status).toBe(400);
  });

  it("refuses everything when no scanner keys are configured", async () => {
    delete process.env.KEYSMITH_SECRET_SCANNING_KEYS;
    try {
      const body = JSON.stringify([{ token: "x", type: "t" }]);
      expect((await report(body, scanner.sign(body))).status).toBe(401);
    } finally {
      process.env.KEYSMITH_SECRET_SCANNING_KEYS = scanner.document;
    }
  });
});
