import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, revokeKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";
import { startKeysmithVerifyServer, type Started } from "../support/processes";
import { npm, packageDir, startVerdaccio } from "../support/verdaccio";

// packages/verdaccio-auth in a real Verdaccio 6.8.0, a real Keysmith verify server (its own
// process, on the test database) and the real npm CLI.

let keysmith: Started & { url: string };
let verdaccio: Started & { url: string; dir: string };
let org: Awaited<ReturnType<typeof createOrgWithMembers>>;

beforeAll(async () => {
  org = await createOrgWithMembers();
  keysmith = await startKeysmithVerifyServer();
  verdaccio = await startVerdaccio(keysmith.url);
}, 120_000);

afterAll(async () => {
  await verdaccio?.stop();
  await keysmith?.stop();
  if (verdaccio) rmSync(verdaccio.dir, { recursive: true, force: true });
});

const key = async (scopes: string[]) => (await createKey(org.owner, { name: `verdaccio ${scopes.join(" ")}`, scopes })).rawKey;
const project = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "keysmith-consumer-"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "0.0.0", private: true }));
  return dir;
};

describe("Verdaccio with the Keysmith auth plugin and the npm CLI", { timeout: 180_000 }, () => {
  it("publishes with a write key, refuses a read key (403), installs with a read key, refuses it on the next request after revocation", async () => {
    const registry = verdaccio.url;
    const writeKey = await key(["packages:write"]);
    const readCreated = await createKey(org.owner, { name: "verdaccio reader", scopes: ["packages:read"] });

    const published = await npm(["publish"], { cwd: packageDir("@keysmith-test/hello"), registry, token: writeKey });
    expect(published.code, published.stderr).toBe(0);

    const refused = await npm(["publish"], { cwd: packageDir("@keysmith-test/hello", "1.0.1"), registry, token: readCreated.rawKey });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/E403|403 Forbidden/);

    const consumer = project();
    const installed = await npm(["install", "@keysmith-test/hello"], { cwd: consumer, registry, token: readCreated.rawKey });
    expect(installed.code, installed.stderr).toBe(0);
    expect(existsSync(path.join(consumer, "node_modules/@keysmith-test/hello/index.js"))).toBe(true);

    await revokeKey(org.owner, readCreated.key.id);
    const revokedAt = performance.now();
    const attempts: { startedMs: number; endedMs: number; code: number }[] = [];
    for (;;) {
      const startedMs = Math.round(performance.now() - revokedAt);
      const view = await npm(["view", "@keysmith-test/hello", "version"], { cwd: consumer, registry, token: readCreated.rawKey });
      attempts.push({ startedMs, endedMs: Math.round(performance.now() - revokedAt), code: view.code });
      if (view.code !== 0) {
        expect(view.stderr).toMatch(/E401|401/);
        break;
      }
      if (attempts.length >= 200) throw new Error("npm still reads with a revoked key");
    }
    const reinstall = await npm(["install", "@keysmith-test/hello"], { cwd: project(), registry, token: readCreated.rawKey });
    expect(reinstall.code).not.toBe(0);
    // The measurement the issue asks for (no assertion on it: it depends on the machine).
    console.info(`verdaccio: npm attempts after the revocation committed (ms since): ${JSON.stringify(attempts)}`);
  });

  it("limits a key with packages:write:<scope> to that npm scope", async () => {
    const registry = verdaccio.url;
    const scopedKey = await key(["packages:write:keysmith-team"]);
    const inScope = await npm(["publish"], { cwd: packageDir("@keysmith-team/tool"), registry, token: scopedKey });
    expect(inScope.code, inScope.stderr).toBe(0);
    const outOfScope = await npm(["publish"], { cwd: packageDir("@other-team/tool"), registry, token: scopedKey });
    expect(outOfScope.stderr).toMatch(/E403|403 Forbidden/);
  });

  it("answers npm login (key as the password) with the key itself as the token", async () => {
    const readKey = await key(["packages:read"]);
    const login = await fetch(`${verdaccio.url}-/user/org.couchdb.user:ci`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "ci", password: readKey }),
    });
    expect(login.status).toBe(201);
    expect(await login.json()).toMatchObject({ token: readKey });
    const wrong = await fetch(`${verdaccio.url}-/user/org.couchdb.user:ci`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "ci", password: "hunter2" }),
    });
    expect(wrong.status).toBe(401);
  });
});
