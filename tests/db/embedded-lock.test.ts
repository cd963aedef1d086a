import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

// Two servers on one embedded data directory each saw only their own writes and the last to stop
// overwrote the other's keys. The second must refuse to start, naming the holder.

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "keysmith-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}

/** Another process serving the directory; resolves once it listens. */
async function holder(dir: string): Promise<{ pid: number; url: string; exited: Promise<unknown>; stop: () => void }> {
  // node --import tsx, not the tsx wrapper: the child is the lock holder itself, so killing it is enough.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/embedded-holder.ts", dir], {
    cwd: root,
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const exited = once(child, "exit");
  const [pid, url] = await new Promise<[number, string]>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = /pid (\d+) serving (\S+)/.exec(output);
      if (match) resolve([Number(match[1]), match[2]!]);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
  return { pid, url, exited, stop: () => child.stdin!.write("stop\n") };
}

describe("the embedded data directory lock", () => {
  it("refuses a second server while the first runs, naming its pid, its URL and DATABASE_URL", async () => {
    const dir = dataDir();
    const first = await holder(dir);
    const second = startEmbeddedPostgres({ dataDir: dir, port: 0 });
    await expect(second).rejects.toThrow(new RegExp(`in use by process ${first.pid}\\b.*serving ${first.url.replace(/[.]/g, "\\.")}`));
    await expect(second).rejects.toThrow(/DATABASE_URL/);

    // Once the first stops cleanly, the lock is gone and the directory can be served again.
    first.stop();
    const [code, signal] = (await first.exited) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    await again.stop();
  });

  it("takes over a stale lock left by a killed server (kill -9), and by a reused pid", async () => {
    const dir = dataDir();
    const first = await holder(dir);
    process.kill(first.pid, "SIGKILL");
    await first.exited;
    expect(JSON.parse(readFileSync(`${dir}.lock`, "utf8")).pid).toBe(first.pid);
    const after = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    expect(JSON.parse(readFileSync(after.lockFile, "utf8")).pid).toBe(process.pid);
    await after.stop();

    // A lock naming a live pid (ours) but another process's start time: the pid was reused.
    const reused = { pid: process.pid, host: os.hostname(), startTicks: "1", startedAt: new Date(0).toISOString() };
    writeFileSync(`${dir}.lock`, JSON.stringify(reused));
    const third = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    await third.stop();
  });
});
