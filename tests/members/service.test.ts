import { beforeEach, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { sessionAuditContext } from "@/lib/keys/audit-context";
import { changeMemberRole, listMembers, removeMember } from "@/lib/members/service";
import { createOrgWithMembers } from "../support/fixtures";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeEach(async () => {
  org = await createOrgWithMembers();
});

const membershipOf = async (userId: string) => (await db().membership.findFirstOrThrow({ where: { orgId: org.orgId, userId } })).id;
const change = (who: Principal, id: string, role: "owner" | "admin" | "member") =>
  changeMemberRole(who, id, role, sessionAuditContext(who));
const remove = (who: Principal, id: string) => removeMember(who, id, sessionAuditContext(who));

/** An admin:* API key of the owner: the strongest key there is. */
function ownersAdminKey(): Principal {
  return {
    userId: "apikey:ownersadmin1",
    orgId: org.orgId,
    orgRole: "owner",
    key: {
      id: "00000000-0000-7000-8000-000000000001",
      keyId: "ownersadmin1",
      type: "sk",
      scopes: ["admin:*"],
      projectId: null,
      expiresAt: null,
      creatorUserId: org.owner.userId,
    },
  };
}

describe("members", () => {
  it("lists the organisation's members in join order", async () => {
    const members = await listMembers(org.orgId);
    expect(members.map((m) => m.role)).toEqual(["owner", "admin", "member"]);
  });

  it("lets owners and admins change members who are not owners; members change nobody", async () => {
    const memberId = await membershipOf(org.member.userId);
    await expect(change(org.member, memberId, "admin")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await change(org.admin, memberId, "admin")).role).toBe("admin");
    expect((await change(org.owner, memberId, "member")).role).toBe("member");
  });

  it("keeps owner power with owners: an admin cannot make anyone owner, demote or remove an owner", async () => {
    const memberId = await membershipOf(org.member.userId);
    const ownerId = await membershipOf(org.owner.userId);
    const adminId = await membershipOf(org.admin.userId);
    await expect(change(org.admin, adminId, "owner")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(change(org.admin, memberId, "owner")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(change(org.admin, ownerId, "member")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(remove(org.admin, ownerId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listMembers(org.orgId)).map((m) => m.role)).toEqual(["owner", "admin", "member"]);
  });

  it("never lets an API key act as owner, not even the owner's admin:* key", async () => {
    const adminId = await membershipOf(org.admin.userId);
    const ownerId = await membershipOf(org.owner.userId);
    await expect(change(ownersAdminKey(), adminId, "owner")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(change(ownersAdminKey(), ownerId, "member")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(remove(ownersAdminKey(), ownerId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Below owner, the key works as its scopes and its creator's role allow.
    expect((await change(ownersAdminKey(), adminId, "member")).role).toBe("member");
  });

  it("audits every change with the role before and after", async () => {
    const memberId = await membershipOf(org.member.userId);
    await change(org.owner, memberId, "admin");
    await change(org.owner, memberId, "admin"); // no change: no event
    await remove(org.admin, memberId);
    const events = await db().auditEvent.findMany({
      where: { orgId: org.orgId, action: { startsWith: "member." } },
      orderBy: { createdAt: "asc" },
    });
    expect(
      events.map((e) => ({
        action: e.action,
        actor: e.actorId,
        target: e.targetId,
        before: (e.metadata as { before: string }).before,
        after: (e.metadata as { after: string | null }).after,
      })),
    ).toEqual([
      { action: "member.role_change", actor: org.owner.userId, target: org.member.userId, before: "member", after: "admin" },
      { action: "member.remove", actor: org.admin.userId, target: org.member.userId, before: "admin", after: null },
    ]);
  });

  it("never leaves an organisation without an owner, even when two owners step down at once", async () => {
    const ownerId = await membershipOf(org.owner.userId);
    await expect(change(org.owner, ownerId, "member")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(remove(org.owner, ownerId)).rejects.toMatchObject({ code: "CONFLICT" });

    const adminId = await membershipOf(org.admin.userId);
    await change(org.owner, adminId, "owner");
    const second = { ...org.admin, orgRole: "owner" as const };
    const results = await Promise.allSettled([change(org.owner, ownerId, "member"), change(second, adminId, "member")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().membership.count({ where: { orgId: org.orgId, role: "owner" } })).toBe(1);
  });

  it("removes a member and ends their sessions", async () => {
    const memberId = await membershipOf(org.member.userId);
    await db().session.create({
      data: { id: "session-of-member-" + memberId, userId: org.member.userId, expiresAt: new Date(Date.now() + 60_000) },
    });
    await remove(org.owner, memberId);
    expect(await db().membership.findUnique({ where: { id: memberId } })).toBeNull();
    expect(await db().session.count({ where: { userId: org.member.userId } })).toBe(0);
  });

  it("cannot reach into another organisation", async () => {
    const other = await createOrgWithMembers();
    const foreign = (await db().membership.findFirstOrThrow({ where: { orgId: other.orgId, role: "member" } })).id;
    await expect(change(org.owner, foreign, "admin")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(remove(org.owner, foreign)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
