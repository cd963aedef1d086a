import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, revokeKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";
import { bin, cleanEnv, ROOT, startProcess, waitFor, type Started } from "../support/processes";

// The standalone verify server with KEYSMITH_VERIFY_WORKERS=2: one port, two worker processes
// under a primary. Every request here opens its own connection, and node:cluster hands new
// connections to the workers in turn, so consecutive requests reach both.

const TOKEN = "cluster-test-metrics-token";
let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
let server: Started & { url: string };

beforeAll(async () => {
  org = await createOrgWithMembers();
  const started = await startProcess(bin("tsx"), ["scripts/verify-server.ts"], {
    cwd: ROOT,
    env: cleanEnv({
      PORT: "0",
      HOSTNAME: "127.0.0.1",
      KEYSMITH_VERIFY_WORKERS: "2",
      KEYSMITH_METRICS_TOKEN: TOKEN,
      KEYSMITH_VERIFY_FAILURES_PER_MINUTE: "0",
      LOG_LEVEL: "warn",
    }),
    ready: /listening on (http:\/\/\S+) \(2 workers\)/,
  });
  server = { ...started, url: started.match[1]! };
});

afterAll(async () => {
  await server?.stop();
});

/** One request on a connection of its own; resolves with the status and body (or rejects on a connection error or silence). */
function send(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { method, agent: false, headers: { connection: "close", "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    // A connection handed to a worker just as it was killed is never answered (node:cluster): give up on it.
    req.setTimeout(5_000, () => req.destroy(new Error("no answer in 5 s")));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function verifyCode(rawKey: string): Promise<string> {
  const answer = await send("POST", "/api/tokens/verify", { key: rawKey });
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.text) as { code: string }).code;
}

async function metric(line: RegExp): Promise<number> {
  const answer = await send("GET", "/metrics", undefined, { authorization: `Bearer ${TOKEN}` });
  expect(answer.status).toBe(200);
  const match = line.exec(answer.text);
  return match ? Number(match[1]) : 0;
}

function parentOf(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
  } catch {
    return null; // gone meanwhile
  }
}

function runsVerifyServer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("scripts/verify-server.ts");
  } catch {
    return false;
  }
}

/** The primary's worker processes: verify servers whose parent is the primary (the tsx process's own child). */
function workerPids(): number[] {
  const pids = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const primaries = pids.filter((pid) => parentOf(pid) === server.child.pid && runsVerifyServer(pid));
  return pids.filter((pid) => primaries.includes(parentOf(pid) ?? -1) && runsVerifyServer(pid));
}

describe("the verify server on several worker processes (KEYSMITH_VERIFY_WORKERS)", () => {
  it("answers on both workers, and /metrics sums what every worker counted", async () => {
    expect(workerPids()).toHaveLength(2);
    const { rawKey } = await createKey(org.owner, { name: "cluster" });
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push(await verifyCode(rawKey));
    expect(codes).toEqual(Array(12).fill("VALID"));
    // Each worker read the key's state once (its own cache): two misses show that both answered.
    expect(await metric(/^keysmith_key_state_lookups_total\{result="miss"\} (\d+)$/m)).toBeGreaterThanOrEqual(2);
    // Whichever worker answers the scrape, it reports the sum of both.
    for (let scrape = 0; scrape < 4; scrape++) {
      expect(await metric(/^keysmith_verifications_total\{code="VALID"\} (\d+)$/m)).toBe(12);
    }
  });

  it("revocation reaches every worker", async () => {
    const { rawKey, key } = await createKey(org.owner, { name: "cluster revoked" });
    for (let i = 0; i < 4; i++) expect(await verifyCode(rawKey)).toBe("VALID"); // cached by both workers
    await revokeKey(org.owner, key.id);
    await waitFor(
      async () => {
        const codes = [];
        for (let i = 0; i < 4; i++) codes.push(await verifyCode(rawKey));
        return codes.every((code) => code === "REVOKED") ? true : undefined;
      },
      "every worker to answer REVOKED",
      10_000,
    );
  });

  it("a worker that dies is replaced, and the other one answers meanwhile", async () => {
    const { rawKey } = await createKey(org.owner, { name: "cluster survivor" });
    const before = workerPids();
    expect(before).toHaveLength(2);
    process.kill(before[0]!, "SIGKILL");
    // Until the primary has noticed, a connection may still be handed to the dead worker: retried.
    for (let i = 0; i < 6; i++) {
      expect(await waitFor(() => verifyCode(rawKey).catch(() => undefined), "an answer after a worker died", 10_000)).toBe("VALID");
    }
    const after = await waitFor(async () => {
      const pids = workerPids();
      return pids.length === 2 && !pids.includes(before[0]!) ? pids : undefined;
    }, "a replacement worker");
    expect(after).toContain(before[1]);
    await waitFor(
      async () => (server.output().match(/died; starting another/g)?.length === 1 ? true : undefined),
      "the replacement logged",
    );
  });

  it("SIGTERM stops every worker and the primary exits 0", async () => {
    const workers = workerPids();
    expect(workers).toHaveLength(2);
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(workers.map(parentOf)).toEqual([null, null]);
  });
});
