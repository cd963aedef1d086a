import { beforeAll, describe, expect, it } from "vitest";
import * as pkRoute from "@/app/api/tokens/pk/route";
import { db } from "@/lib/db/client";
import { parseRawKey } from "@/lib/keys/format";
import { PK_LIVE_MAX } from "@/lib/keys/public-key";
import { createKey } from "@/lib/keys/service";
import { defaultVerifier } from "@/lib/verify";
import { createOrgWithMembers } from "../support/fixtures";
import { callRoute } from "../support/route";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
let application: string;
beforeAll(async () => {
  org = await createOrgWithMembers();
  application = (await createKey(org.owner, { name: "web backend", role: "application", environment: "test" })).rawKey;
  await defaultVerifier().ready();
});

const request = (key: string, query = "") => callRoute(pkRoute.GET, { path: `/api/tokens/pk${query}`, key });

describe("GET /api/tokens/pk", () => {
  it("mints a publishable executor key, 24 h by default, in the caller's environment", async () => {
    const response = await request(application, "?name=checkout");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["expiresAt", "value"]);
    expect(body.value).toMatch(/^ks_test_pk_/);
    expect((Date.parse(body.expiresAt) - Date.now()) / 3_600_000).toBeCloseTo(24, 1);
    const row = await db().apiKey.findUniqueOrThrow({ where: { keyId: parseRawKey(body.value)!.keyId } });
    expect(row).toMatchObject({ type: "pk", role: "executor", name: "checkout", orgId: org.orgId });
    expect((await defaultVerifier().verify(body.value, { scopes: ["packages:execute"] })).code).toBe("VALID");
  });

  it("takes a ttl in seconds and a project; refuses bad input naming the field", async () => {
    const project = await db().project.create({ data: { orgId: org.orgId, name: "shop" } });
    const body = await (await request(application, `?ttl=3600&projectId=${project.id}`)).json();
    expect((Date.parse(body.expiresAt) - Date.now()) / 1000).toBeCloseTo(3600, -1);
    expect((await defaultVerifier().verify(body.value)).projectId).toBe(project.id);
    const bad = await request(application, "?ttl=5");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("ttl");
    const foreign = await request(application, `?projectId=${crypto.randomUUID()}`);
    expect((await foreign.json()).error.field).toBe("projectId");
  });

  it("keeps at most N live publishable keys per name and project: older ones are revoked", async () => {
    const values: string[] = [];
    for (let i = 0; i < PK_LIVE_MAX + 2; i++) values.push((await (await request(application, "?name=capped")).json()).value);
    const live = await db().apiKey.count({ where: { orgId: org.orgId, name: "capped", status: "active" } });
    expect(live).toBe(PK_LIVE_MAX);
    expect((await defaultVerifier().verify(values[0])).code).toBe("REVOKED");
    expect((await defaultVerifier().verify(values.at(-1))).code).toBe("VALID");
  });

  it("needs a secret key with the application role or admin", async () => {
    const reader = (await createKey(org.owner, { name: "reader", role: "reader" })).rawKey;
    expect((await request(reader)).status).toBe(403);
    const admin = (await createKey(org.owner, { name: "admin", role: "admin" })).rawKey;
    expect((await request(admin)).status).toBe(200);
    const pk = (await (await request(application)).json()).value;
    // Publishable keys are for verification only: the management API refuses them outright.
    const byPk = await request(pk);
    expect(byPk.status).toBe(401);
    expect((await byPk.json()).error.code).toBe("PUBLISHABLE_KEY");
    expect((await callRoute(pkRoute.GET, { path: "/api/tokens/pk" })).status).toBe(401);
  });
});
