import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { auditCsvHeader, auditCsvRows, AUDIT_CSV_COLUMNS } from "@/lib/audit/csv";
import { allAuditEvents, listAuditEvents } from "@/lib/audit/query";
import { recordAudit } from "@/lib/audit/record";
import type { AuditEventInput } from "@/lib/audit/types";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import { auditPageSchema } from "@/lib/validations/audit";
import { createOrgWithMembers } from "../support/fixtures";

const origin = { ip: "198.51.100.4", userAgent: "vitest" };

const record = (session: Session, event: AuditEventInput) =>
  recordAudit(db(), { orgId: session.orgId, actorId: session.userId, ...origin }, event);

const query = (input: Record<string, string>) => auditPageSchema.parse(input);

describe("the audit trail", () => {
  it("lists an organisation's events newest first, with the actor's email, in pages", async () => {
    const org = await createOrgWithMembers();
    const other = await createOrgWithMembers();
    for (let i = 0; i < 5; i += 1) {
      await record(org.owner, { action: "registry.update", targetType: "registry", targetId: `r${i}` });
    }
    await record(other.owner, { action: "registry.delete", targetType: "registry", targetId: "elsewhere" });

    const first = await listAuditEvents(org.orgId, query({ limit: "3" }));
    expect(first.data.map((event) => event.targetId)).toEqual(["r4", "r3", "r2"]);
    expect(first.data[0]).toMatchObject({ actorId: org.owner.userId, ...origin });
    expect(first.data[0]!.actorLabel).toMatch(/^owner-.*@example\.test$/);
    expect(first.nextCursor).toBe(first.data[2]!.id);

    const second = await listAuditEvents(org.orgId, query({ limit: "3", cursor: first.nextCursor! }));
    expect(second.data.map((event) => event.targetId)).toEqual(["r1", "r0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by area, action, actor email, target and time", async () => {
    const org = await createOrgWithMembers();
    await record(org.owner, { action: "key.create", targetType: "key", targetId: "k1" });
    await record(org.admin, { action: "key.revoke", targetType: "key", targetId: "k1" });
    await record(org.admin, { action: "registry.create", targetType: "registry", targetId: "r1" });
    const actions = async (filter: Record<string, string>) =>
      (await listAuditEvents(org.orgId, query(filter))).data.map((event) => event.action);

    expect(await actions({ area: "key" })).toEqual(["key.revoke", "key.create"]);
    expect(await actions({ action: "registry.create" })).toEqual(["registry.create"]);
    expect(await actions({ actor: "ADMIN-" })).toEqual(["registry.create", "key.revoke"]);
    expect(await actions({ actor: org.owner.userId })).toEqual(["key.create"]);
    expect(await actions({ targetId: "k1", area: "key" })).toEqual(["key.revoke", "key.create"]);
    expect(await actions({ from: "2000-01-01", to: "2000-01-02" })).toEqual([]);
    expect(await actions({ from: new Date(Date.now() - 60_000).toISOString() })).toHaveLength(3);
  });

  it("does not find another organisation's members by email", async () => {
    const org = await createOrgWithMembers();
    const other = await createOrgWithMembers();
    await record(other.owner, { action: "key.create", targetType: "key", targetId: "theirs" });
    const email = (await db().user.findUniqueOrThrow({ where: { id: other.owner.userId } })).email;
    expect((await listAuditEvents(org.orgId, query({ actor: email }))).data).toEqual([]);
  });

  it("refuses bad filters with the field and reason", () => {
    const failure = (input: Record<string, string>) => {
      const result = auditPageSchema.safeParse(input);
      expect(result.success).toBe(false);
      const issue = result.error!.issues[0]!;
      return { field: issue.path.join("."), message: issue.message };
    };
    expect(failure({ area: "billing" })).toMatchObject({ field: "area" });
    expect(failure({ action: "key.explode" })).toEqual({ field: "action", message: "Unknown action." });
    expect(failure({ from: "yesterday" })).toMatchObject({ field: "from" });
    expect(failure({ from: "2026-02-01", to: "2026-01-01" })).toEqual({ field: "from", message: "From must be before To." });
    expect(failure({ limit: "500" })).toEqual({ field: "limit", message: "Limit must be at most 200." });
    expect(failure({ cursor: "1 OR 1=1" })).toMatchObject({ field: "cursor" });
    expect(failure({ sort: "id" })).toMatchObject({ message: expect.stringContaining("sort") });
  });

  it("exports every matching event as CSV that a spreadsheet cannot run as formulas", async () => {
    const org = await createOrgWithMembers();
    for (let i = 0; i < 7; i += 1) {
      await record(org.owner, {
        action: "registry.update",
        targetType: "registry",
        targetId: `r${i}`,
        metadata: { name: `=HYPERLINK("x", "${i}")` },
      });
    }
    let csv = auditCsvHeader();
    let batches = 0;
    for await (const events of allAuditEvents(org.orgId, {}, 3)) {
      batches += 1;
      csv += auditCsvRows(events);
    }
    expect(batches).toBe(3);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(AUDIT_CSV_COLUMNS);
    expect(rows.map((row) => row.target_id)).toEqual(["r6", "r5", "r4", "r3", "r2", "r1", "r0"]);
    expect(rows[0]).toMatchObject({ action: "registry.update", ip: origin.ip, actor_id: org.owner.userId });
    expect(JSON.parse(rows[0]!.details!)).toEqual({ name: '=HYPERLINK("x", "6")' });

    const hostile = auditCsvRows([
      { ...(await listAuditEvents(org.orgId, query({ limit: "1" }))).data[0]!, userAgent: "=cmd|' /C calc'!A0" },
    ]);
    expect((parse(hostile) as string[][])[0]![7]).toBe("'=cmd|' /C calc'!A0");
  });
});
