import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";

// PGlite executes a query synchronously inside WebAssembly. On the server's own thread that froze
// every request (and Next.js, Prisma and the verifier with it) for as long as any query ran, and a
// burst of dashboard writes took turns with the database on one core. In its own thread the
// server's event loop keeps turning while the database works. No timing is assumed: the longest
// pause of the event loop is compared with the query's own duration, whatever the CPU.

let embedded: EmbeddedPostgres;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "keysmith-thread-"));
  embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pglite"), port: 0 });
});

afterAll(async () => {
  await embedded?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** The longest gap between turns of this thread's event loop while `work` runs. */
async function longestPauseDuring(work: () => Promise<unknown>): Promise<{ pauseMs: number; workMs: number }> {
  let last = performance.now();
  let pauseMs = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    pauseMs = Math.max(pauseMs, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const started = performance.now();
  await work();
  const ended = performance.now();
  running = false;
  // A loop blocked until the answer came never ticked again: that wait counts too.
  pauseMs = Math.max(pauseMs, ended - last);
  const workMs = ended - started;
  return { pauseMs, workMs };
}

describe("the embedded database", () => {
  it("works in its own thread: a long query does not stop this thread's event loop", async () => {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      // Heavy enough to dwarf one turn of the event loop on any machine: a sort of a million rows.
      const { pauseMs, workMs } = await longestPauseDuring(() =>
        client.query("SELECT count(*) FROM (SELECT md5(g::text) AS h FROM generate_series(1, 1000000) g ORDER BY h) t"),
      );
      expect(workMs).toBeGreaterThan(0);
      expect(pauseMs).toBeLessThan(workMs / 4);
    } finally {
      await client.end();
    }
  });

  it("writes survive a stop and a start on the same directory", async () => {
    const first = new pg.Client({ connectionString: embedded.url });
    await first.connect();
    await first.query("CREATE TABLE kept (id int)");
    await first.query("INSERT INTO kept VALUES (1), (2), (3)");
    await first.end();
    await embedded.stop();
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pglite"), port: 0 });
    const second = new pg.Client({ connectionString: embedded.url });
    await second.connect();
    try {
      expect((await second.query("SELECT count(*)::int AS n FROM kept")).rows[0].n).toBe(3);
    } finally {
      await second.end();
    }
  });
});
