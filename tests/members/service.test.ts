import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changeMemberRole, listMembers, removeMember } from "@/lib/members/service";
import { createOrgWithMembers } from "../support/fixtures";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeEach(async () => {
  org = await createOrgWithMembers();
});

const membershipOf = async (userId: string) =>
  (await db().membership.findFirstOrThrow({ where: { orgId: org.orgId, userId } })).id;

describe("members", () => {
  it("lists the organisation's members in join order", async () => {
    const members = await listMembers(org.orgId);
    expect(members.map((m) => m.role)).toEqual(["owner", "admin", "member"]);
  });

  it("lets owners promote and demote, and nobody else", async () => {
    const memberId = await membershipOf(org.member.userId);
    await expect(changeMemberRole(org.admin, memberId, "admin")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeMemberRole(org.member, memberId, "owner")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await changeMemberRole(org.owner, memberId, "admin")).role).toBe("admin");
  });

  it("never leaves an organisation without an owner, even when two owners step down at once", async () => {
    const ownerId = await membershipOf(org.owner.userId);
    await expect(changeMemberRole(org.owner, ownerId, "member")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(removeMember(org.owner, ownerId)).rejects.toMatchObject({ code: "CONFLICT" });

    const adminId = await membershipOf(org.admin.userId);
    await changeMemberRole(org.owner, adminId, "owner");
    const second = { ...org.admin, orgRole: "owner" as const };
    const results = await Promise.allSettled([
      changeMemberRole(org.owner, ownerId, "member"),
      changeMemberRole(second, adminId, "member"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().membership.count({ where: { orgId: org.orgId, role: "owner" } })).toBe(1);
  });

  it("removes a member and ends their sessions", async () => {
    const memberId = await membershipOf(org.member.userId);
    await db().session.create({ data: { id: "session-of-member-" + memberId, userId: org.member.userId, expiresAt: new Date(Date.now() + 60_000) } });
    await removeMember(org.owner, memberId);
    expect(await db().membership.findUnique({ where: { id: memberId } })).toBeNull();
    expect(await db().session.count({ where: { userId: org.member.userId } })).toBe(0);
  });

  it("cannot reach into another organisation", async () => {
    const other = await createOrgWithMembers();
    const foreign = (await db().membership.findFirstOrThrow({ where: { orgId: other.orgId, role: "member" } })).id;
    await expect(changeMemberRole(org.owner, foreign, "admin")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeMember(org.owner, foreign)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
