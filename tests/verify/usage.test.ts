import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/service";
import { UsageRecorder } from "@/lib/usage/recorder";
import { createOrgWithMembers } from "../support/fixtures";
import { testVerifier } from "../support/verifier";

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
beforeAll(async () => {
  org = await createOrgWithMembers();
});

const usageOf = async (id: string) => db().apiKey.findUniqueOrThrow({ where: { id }, select: { usageCount: true, lastUsedAt: true } });

describe("usage recording", () => {
  it("counts a burst exactly, in batched flushes, and never for refused verifications", async () => {
    const usage = new UsageRecorder(50);
    const { verifier } = await testVerifier({ usage });
    const busy = await createKey(org.owner, { name: "burst", rateLimitPerMinute: 10_000 });
    const quiet = await createKey(org.owner, { name: "burst 2", scopes: ["a:b"] });
    const started = new Date();
    const N = 500;
    const results = await Promise.all([
      ...Array.from({ length: N }, () => verifier.verify(busy.rawKey)),
      ...Array.from({ length: 20 }, () => verifier.verify(quiet.rawKey)),
      ...Array.from({ length: 5 }, () => verifier.verify(quiet.rawKey, { scopes: ["c:d"] })),
    ]);
    expect(results.filter((r) => r.code === "VALID")).toHaveLength(N + 20);
    await expect.poll(async () => (await usageOf(busy.key.id)).usageCount, { timeout: 5000 }).toBe(BigInt(N));
    await expect.poll(async () => (await usageOf(quiet.key.id)).usageCount, { timeout: 5000 }).toBe(20n);
    expect((await usageOf(busy.key.id)).lastUsedAt!.getTime()).toBeGreaterThanOrEqual(started.getTime() - 5);
    await usage.stop();
  });

  it("keeps the counts when a flush fails and writes them with the next one", async () => {
    let fail = true;
    const written: number[] = [];
    const usage = new UsageRecorder(60_000, async (rows) => {
      if (fail) throw new Error("database down");
      written.push(...rows.map((r) => r.count));
    });
    usage.record("a");
    usage.record("a");
    await usage.flush();
    usage.record("a");
    fail = false;
    await usage.stop();
    expect(written).toEqual([3]);
  });

  it("the verify server flushes every count on SIGTERM (graceful shutdown)", async () => {
    const { rawKey, key } = await createKey(org.owner, { name: "shutdown", rateLimitPerMinute: 10_000 });
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/verify-server.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", KEYSMITH_USAGE_FLUSH_MS: "600000", KEYSMITH_VERIFY_FAILURES_PER_MINUTE: "0", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        output += String(chunk);
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.on("exit", () => reject(new Error(`verify server exited early: ${output}`)));
    });

    const N = 250;
    const answers = await Promise.all(
      Array.from({ length: N }, () =>
        fetch(`${url}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": rawKey } }).then((r) => r.json()),
      ),
    );
    expect(answers.every((a: { code: string }) => a.code === "VALID")).toBe(true);
    // The flush interval is ten minutes: nothing has been written yet.
    expect((await usageOf(key.id)).usageCount).toBe(0n);

    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    expect((await usageOf(key.id)).usageCount).toBe(BigInt(N));
  });
});
