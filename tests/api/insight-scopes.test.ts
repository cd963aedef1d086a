import { beforeAll, describe, expect, it } from "vitest";
import * as audit from "@/app/api/audit/route";
import * as auditExport from "@/app/api/audit/export/route";
import * as usage from "@/app/api/usage/route";
import { createKey } from "@/lib/keys/service";
import { callRoute } from "../support/route";
import { createOrgWithMembers } from "../support/fixtures";

// audit:read and usage:read: API-key access to the owners' and admins' read-only areas.

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
const keys: Record<string, string> = {};

beforeAll(async () => {
  org = await createOrgWithMembers();
  const scopes = { audit: ["audit:read"], usage: ["usage:read"], keys: ["keys:write"], admin: ["admin:*"], auditAll: ["audit:*"] };
  for (const [name, granted] of Object.entries(scopes)) keys[name] = (await createKey(org.owner, { name, scopes: granted })).rawKey;
});

describe("audit:read", () => {
  it("lets a key read and export the audit trail", async () => {
    for (const key of [keys.audit!, keys.admin!, keys.auditAll!]) {
      const list = await callRoute(audit.GET, { key, path: "/api/audit?limit=5" });
      expect(list.status).toBe(200);
      expect(await list.json()).toMatchObject({ data: expect.any(Array) });
      const csv = await callRoute(auditExport.GET, { key, path: "/api/audit/export" });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
      await csv.text();
    }
  });

  it("is required: other scopes get 403 naming it", async () => {
    for (const key of [keys.keys!, keys.usage!]) {
      const list = await callRoute(audit.GET, { key, path: "/api/audit" });
      expect(list.status).toBe(403);
      expect((await list.json()).error).toEqual({ code: "FORBIDDEN", message: "This API key needs the audit:read scope." });
      expect((await callRoute(auditExport.GET, { key, path: "/api/audit/export" })).status).toBe(403);
    }
  });
});

describe("usage:read", () => {
  it("lets a key read the organisation's usage; other scopes get 403", async () => {
    const ok = await callRoute(usage.GET, { key: keys.usage!, path: "/api/usage?days=7" });
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.period.days).toBe(7);
    expect(body.daily).toHaveLength(7);
    expect(body.totals.keys).toBeGreaterThanOrEqual(5);
    expect((await callRoute(usage.GET, { key: keys.admin!, path: "/api/usage" })).status).toBe(200);
    const refused = await callRoute(usage.GET, { key: keys.audit!, path: "/api/usage" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe("This API key needs the usage:read scope.");
    const bad = await callRoute(usage.GET, { key: keys.usage!, path: "/api/usage?days=365" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "days" });
  });
});
