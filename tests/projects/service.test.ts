import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sessionAuditContext } from "@/lib/keys/audit-context";
import { listKeys } from "@/lib/keys/list";
import { createKey, revokeKey } from "@/lib/keys/service";
import { createProject, deleteProject, listProjects, renameProject } from "@/lib/projects/service";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});
const audit = () => sessionAuditContext(org.owner);

describe("projects", () => {
  it("creates, renames (names unique per organisation) and lists them, with audit events", async () => {
    const web = await createProject(org.owner, "Web", audit());
    await expect(createProject(org.admin, "Web", audit())).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
    const other = await createOrgWithMembers();
    await createProject(other.owner, "Web", sessionAuditContext(other.owner));
    await renameProject(org.owner, web.id, "Website", audit());
    expect((await listProjects(org.orgId)).map((p) => p.name)).toContain("Website");
    await expect(createProject(org.member, "Nope", audit())).rejects.toMatchObject({ code: "FORBIDDEN" });
    const actions = (await db().auditEvent.findMany({ where: { orgId: org.orgId, targetId: web.id }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["project.create", "project.rename"]);
  });

  it("limits a key to a project: verification reports it; a foreign project is refused", async () => {
    const { verifier } = await testVerifier();
    const api = await createProject(org.owner, "API", audit());
    const { rawKey } = await createKey(org.owner, { name: "limited", projectId: api.id });
    expect((await verifier.verify(rawKey)).projectId).toBe(api.id);
    const other = await createOrgWithMembers();
    const theirs = await createProject(other.owner, "Theirs", sessionAuditContext(other.owner));
    await expect(createKey(org.owner, { name: "x", projectId: theirs.id })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      field: "projectId",
    });
  });

  it("refuses to delete a project with usable keys; deletes it once they are revoked, detaching them", async () => {
    const mobile = await createProject(org.owner, "Mobile", audit());
    const { key } = await createKey(org.owner, { name: "mobile key", projectId: mobile.id });
    await expect(deleteProject(org.owner, mobile.id, audit())).rejects.toMatchObject({ code: "CONFLICT" });
    await revokeKey(org.owner, key.id);
    await deleteProject(org.owner, mobile.id, audit());
    expect(await db().project.count({ where: { id: mobile.id } })).toBe(0);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).projectId).toBeNull();
  });

  it("the keys list filters by project", async () => {
    const billing = await createProject(org.owner, "Billing", audit());
    await createKey(org.owner, { name: "billing key", projectId: billing.id });
    const page = await listKeys(org.orgId, { projectId: billing.id });
    expect(page.data.map((k) => k.name)).toEqual(["billing key"]);
  });
});
