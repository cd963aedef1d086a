import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { sleep } from "./processes";

// A throwaway PostgreSQL cluster the load test may stop and start at will, so faults never
// disturb the machine's shared server. We run as root; PostgreSQL refuses to, hence runuser.
const BIN = process.env.KEYSMITH_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface ThrowawayPostgres {
  readonly url: string;
  readonly port: number;
  stop(): void;
  start(): void;
  destroy(): void;
}

function asPostgres(command: string, args: string[]): void {
  execFileSync("runuser", ["-u", "postgres", "--", path.join(BIN, command), ...args], { stdio: "pipe" });
}

export async function startThrowawayPostgres(port: number): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "keysmith-load-pg-"));
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  chownSync(dir, uid, gid);
  const data = path.join(dir, "data");
  asPostgres("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  // Durability is irrelevant for a cluster deleted at the end; the faults under test are the app's.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = () => asPostgres("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "30", "start"]);
  const stop = () => asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitForPostgres(url, 30_000);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query("CREATE DATABASE keysmith_load");
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/keysmith_load`,
    port,
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
