import { beforeAll, describe, expect, it } from "vitest";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as tokenUsage from "@/app/api/tokens/[id]/usage/route";
import { db } from "@/lib/db/client";
import { getKeyDetail } from "@/lib/keys/detail";
import { rotateKey } from "@/lib/keys/rotate";
import { listRotations } from "@/lib/keys/rotations";
import { createKey } from "@/lib/keys/service";
import { createProject } from "@/lib/projects/service";
import { callRoute } from "../support/route";
import { createOrgWithMembers } from "../support/fixtures";

type Org = Awaited<ReturnType<typeof createOrgWithMembers>>;
let org: Org;
let other: Org;

beforeAll(async () => {
  org = await createOrgWithMembers();
  other = await createOrgWithMembers();
});

describe("key detail", () => {
  it("gives every field, the creator's email and the project's name, never the hash", async () => {
    const project = await createProject(org.owner, "Checkout", { orgId: org.orgId, actorId: org.owner.userId, ip: null, userAgent: null });
    const { key } = await createKey(org.admin, {
      name: "detail",
      scopes: ["packages:read"],
      rateLimitPerMinute: 42,
      projectId: project.id,
    });
    const detail = await getKeyDetail(org.orgId, key.id);
    expect(detail).toMatchObject({
      ...key,
      createdByLabel: expect.stringMatching(/^admin-.*@example\.test$/),
      projectName: "Checkout",
      replacedById: null,
      replacedByName: null,
    });
    expect(JSON.stringify(detail)).not.toContain("argon2");
  });

  it("is not found for another organisation's key, an unknown id or a malformed one", async () => {
    const { key } = await createKey(org.owner, { name: "private" });
    await expect(getKeyDetail(other.orgId, key.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getKeyDetail(org.orgId, "0193a5b6-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getKeyDetail(org.orgId, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers GET /api/tokens/:id and its usage in the key's organisation only", async () => {
    const { key } = await createKey(org.owner, { name: "api detail" });
    const reader = (await createKey(org.owner, { name: "reader", scopes: ["keys:read"] })).rawKey;
    const foreignReader = (await createKey(other.owner, { name: "foreign reader", scopes: ["keys:read"] })).rawKey;
    const path = `/api/tokens/${key.id}`;

    const ok = await callRoute(tokenById.GET, { key: reader, path, params: { id: key.id } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).key).toMatchObject({ id: key.id, name: "api detail", createdByLabel: expect.stringMatching(/^owner-/) });
    const foreign = await callRoute(tokenById.GET, { key: foreignReader, path, params: { id: key.id } });
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.code).toBe("NOT_FOUND");

    const usage = await callRoute(tokenUsage.GET, { key: reader, path: `${path}/usage?days=7`, params: { id: key.id } });
    expect(usage.status).toBe(200);
    const body = await usage.json();
    expect(body.days).toHaveLength(7);
    expect(body.days.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), count: 0 });
    expect((await callRoute(tokenUsage.GET, { key: foreignReader, path: `${path}/usage`, params: { id: key.id } })).status).toBe(404);
    for (const days of ["0", "91", "x", "1.5"]) {
      const bad = await callRoute(tokenUsage.GET, { key: reader, path: `${path}/usage?days=${days}`, params: { id: key.id } });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.field).toBe("days");
    }
    const unknownField = await callRoute(tokenUsage.GET, { key: reader, path: `${path}/usage?day=3`, params: { id: key.id } });
    expect(unknownField.status).toBe(400);
  });
});

describe("rotation history", () => {
  it("follows a real rotation both ways, and the old key names its successor", async () => {
    const { key } = await createKey(org.owner, { name: "rolled" });
    const rotated = await rotateKey(org.admin, key.id, "1h");
    const oldSide = await listRotations(org.orgId, key.id);
    expect(oldSide).toMatchObject([
      { direction: "to", otherKey: { id: rotated.key.id, name: "rolled" }, grace: "1h", actorLabel: expect.stringMatching(/^admin-/) },
    ]);
    expect(Date.parse(oldSide[0]!.oldKeyRevokesAt!) - Date.parse(oldSide[0]!.at)).toBeGreaterThan(3_500_000);
    expect(await listRotations(org.orgId, rotated.key.id)).toMatchObject([{ direction: "from", otherKey: { id: key.id, name: "rolled" } }]);
    const detail = await getKeyDetail(org.orgId, key.id);
    expect(detail).toMatchObject({ replacedById: rotated.key.id, replacedByName: "rolled", status: "active" });
    expect(detail.revokesAt).not.toBeNull();
  });

  async function rotated(orgId: string, actorId: string, from: string, to: string, at: Date) {
    // The event lib/keys/rotate.ts records, written directly to set its time and chain three keys.
    await db().auditEvent.create({
      data: {
        orgId,
        actorId,
        action: "key.rotate",
        targetType: "key",
        targetId: from,
        createdAt: at,
        metadata: { newKeyId: to, grace: "24h", oldKeyRevokesAt: new Date(at.getTime() + 86_400_000).toISOString() },
      },
    });
  }

  it("is empty for a key never rotated", async () => {
    const { key } = await createKey(org.owner, { name: "never rotated" });
    expect(await listRotations(org.orgId, key.id)).toEqual([]);
  });

  it("lists the rotation to the key's successor and from its predecessor, newest first", async () => {
    const first = (await createKey(org.owner, { name: "gen 1" })).key;
    const second = (await createKey(org.owner, { name: "gen 2" })).key;
    const third = (await createKey(org.owner, { name: "gen 3" })).key;
    await rotated(org.orgId, org.owner.userId, first.id, second.id, new Date("2026-11-20T10:00:00Z"));
    await rotated(org.orgId, org.admin.userId, second.id, third.id, new Date("2026-11-21T10:00:00Z"));
    // Same ids in another organisation's trail are not this key's history.
    await rotated(other.orgId, other.owner.userId, second.id, first.id, new Date("2026-11-22T10:00:00Z"));

    const history = await listRotations(org.orgId, second.id);
    expect(history).toMatchObject([
      {
        direction: "to",
        otherKey: { id: third.id, name: "gen 3" },
        grace: "24h",
        at: "2026-11-21T10:00:00.000Z",
        actorLabel: expect.stringMatching(/^admin-/),
      },
      {
        direction: "from",
        otherKey: { id: first.id, name: "gen 1" },
        oldKeyRevokesAt: "2026-11-21T10:00:00.000Z",
        actorLabel: expect.stringMatching(/^owner-/),
      },
    ]);
    expect((await listRotations(org.orgId, first.id)).map((r) => [r.direction, r.otherKey.name])).toEqual([["to", "gen 2"]]);
    expect((await listRotations(org.orgId, third.id)).map((r) => [r.direction, r.otherKey.name])).toEqual([["from", "gen 2"]]);
  });
});
