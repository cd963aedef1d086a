import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import * as members from "@/app/api/members/route";
import * as registries from "@/app/api/registries/route";
import { db } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/format";
import { createKey, revokeKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";

// The dashboard's JSON API with an API key instead of a browser session, through the real route
// handlers (the same functions `next start` serves; Playwright covers them over HTTP too).

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(
  handler: Handler,
  key: string | null,
  init: { method?: string; body?: unknown; params?: Record<string, string>; path?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...init.headers };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(`http://localhost${init.path ?? "/api/tokens"}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(init.params ?? {}) });
}

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
let other: Awaited<ReturnType<typeof createOrgWithMembers>>;
const keys: Record<string, string> = {};

beforeAll(async () => {
  org = await createOrgWithMembers();
  other = await createOrgWithMembers();
  for (const [name, scopes] of Object.entries({
    reader: ["keys:read"],
    writer: ["keys:write", "packages:read"],
    admin: ["admin:*"],
    packages: ["packages:read"],
  })) {
    keys[name] = (await createKey(org.owner, { name, scopes })).rawKey;
  }
  keys.otherWriter = (await createKey(other.owner, { name: "other", scopes: ["keys:write"] })).rawKey;
});

describe("API keys on /api/tokens", () => {
  it("keys:read lists the organisation's keys but cannot create", async () => {
    const list = await call(tokens.GET, keys.reader!);
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("no-store");
    const names = (await list.json()).data.map((k: { name: string }) => k.name);
    expect(names).toEqual(expect.arrayContaining(["reader", "writer", "admin"]));
    expect(names).not.toContain("other");

    const create = await call(tokens.POST, keys.reader!, { method: "POST", body: { name: "nope" } });
    expect(create.status).toBe(403);
    expect((await create.json()).error).toMatchObject({ code: "FORBIDDEN", message: "This API key needs the keys:write scope." });
  });

  it("keys:write creates, disables, enables and revokes; the creator is the key", async () => {
    const create = await call(tokens.POST, keys.writer!, {
      method: "POST",
      body: { name: "made by automation", scopes: ["packages:read"] },
      headers: { origin: "https://ci.example" },
    });
    expect(create.status).toBe(201);
    const { key, rawKey } = await create.json();
    expect(key).toMatchObject({ name: "made by automation", scopes: ["packages:read"], createdBy: `apikey:${keys.writer!.slice(11, 23)}` });
    expect(rawKey).toMatch(/^ks_live_/);

    const path = `/api/tokens/${key.id}`;
    const disabled = await call(tokenById.PATCH, keys.writer!, { method: "PATCH", path, params: { id: key.id }, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).key.status).toBe("disabled");
    const enabled = await call(tokenById.PATCH, keys.admin!, { method: "PATCH", path, params: { id: key.id }, body: { disabled: false } });
    expect((await enabled.json()).key.status).toBe("active");
    const revoked = await call(tokenById.DELETE, keys.writer!, { method: "DELETE", path, params: { id: key.id } });
    expect((await revoked.json()).key.status).toBe("revoked");
    const events = await db().auditEvent.findMany({ where: { targetId: key.id }, orderBy: { createdAt: "asc" } });
    const writerId = `apikey:${keys.writer!.slice(11, 23)}`;
    // Same-millisecond events have no defined order: compare as a set.
    expect(events.map((e) => `${e.action} by ${e.actorId}`).sort()).toEqual(
      [
        `key.create by ${writerId}`,
        `key.disable by ${writerId}`,
        `key.enable by apikey:${keys.admin!.slice(11, 23)}`,
        `key.revoke by ${writerId}`,
      ].sort(),
    );

    const conflict = await call(tokenById.PATCH, keys.writer!, {
      method: "PATCH",
      path,
      params: { id: key.id },
      body: { disabled: false },
    });
    expect(conflict.status).toBe(409);
    const badBody = await call(tokenById.PATCH, keys.writer!, { method: "PATCH", path, params: { id: key.id }, body: { disabled: "yes" } });
    expect(badBody.status).toBe(400);
    expect((await badBody.json()).error.field).toBe("disabled");
  });

  it("keeps each key inside its own organisation", async () => {
    const ours = await createKey(org.owner, { name: "ours" });
    const path = `/api/tokens/${ours.key.id}`;
    const foreign = await call(tokenById.DELETE, keys.otherWriter!, { method: "DELETE", path, params: { id: ours.key.id } });
    expect(foreign.status).toBe(404);
    const list = await (await call(tokens.GET, keys.otherWriter!)).json();
    expect(list.data.map((k: { name: string }) => k.name)).toEqual(["other"]);
  });

  it("refuses missing scopes, bad, unknown and revoked keys", async () => {
    expect((await call(tokens.GET, keys.packages!)).status).toBe(403);
    for (const bad of ["ks_live_garbage", generateKey().raw]) {
      const response = await call(tokens.GET, bad);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
    }
    const gone = await createKey(org.owner, { name: "gone", scopes: ["admin:*"] });
    await revokeKey(org.owner, gone.key.id);
    const revoked = await call(tokens.GET, gone.rawKey, {});
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toBe("This API key has been revoked.");
    // X-API-Key works as well as Authorization.
    expect((await call(tokens.GET, null, { headers: { "x-api-key": keys.reader! } })).status).toBe(200);
  });

  it("applies the same scopes to registries and members", async () => {
    expect((await call(registries.GET, keys.admin!, { path: "/api/registries" })).status).toBe(200);
    expect((await call(registries.GET, keys.writer!, { path: "/api/registries" })).status).toBe(403);
    expect((await call(members.GET, keys.reader!, { path: "/api/members" })).status).toBe(403);
    expect((await call(members.GET, keys.admin!, { path: "/api/members" })).status).toBe(200);
  });
});
