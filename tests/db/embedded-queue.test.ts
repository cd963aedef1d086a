import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/api/respond";
import { closeDb, db, queuedWrite, transactionQueue } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { AppError } from "@/lib/errors";

// On the embedded database (one connection) a burst of transactions waited for the connection
// past Prisma's maxWait and answered 500 ("Unable to start a transaction in the given time").
// One transaction holds the connection here until the others are all queued — or until one of
// them has given up, which is how the old code fails — so no timing is assumed.

let embedded: EmbeddedPostgres;
let tmp: string;
const saved = { ...process.env };

function useEmbedded(queueMax: number): void {
  process.env.DATABASE_URL = embedded.url;
  process.env.KEYSMITH_DB_POOL_MAX = "1";
  process.env.KEYSMITH_EMBEDDED_DB = "1";
  process.env.KEYSMITH_EMBEDDED_QUEUE_MAX = String(queueMax);
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "keysmith-queue-"));
  embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pglite"), port: 0 });
  await closeDb();
});

afterAll(async () => {
  await closeDb();
  process.env = saved;
  await embedded?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** A transaction that keeps the only connection until `release` is called. */
async function holdConnection(): Promise<{ release: () => void; done: Promise<unknown> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const holding = new Promise<void>((resolve) => (started = resolve));
  const done = db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1`;
    started();
    await released;
  });
  await holding;
  return { release, done };
}

describe("transactions on the embedded database", () => {
  it("queue in order behind a busy connection instead of failing", async () => {
    useEmbedded(200);
    await closeDb();
    const holder = await holdConnection();
    let settled = 0;
    const burst = Array.from({ length: 30 }, (_, i) =>
      db()
        .$transaction(async (tx) => tx.$queryRaw<{ n: number }[]>`SELECT ${i}::int AS n`)
        .finally(() => (settled += 1)),
    );
    await expect.poll(() => settled > 0 || transactionQueue()?.pending === burst.length, { timeout: 30_000 }).toBe(true);
    holder.release();
    const results = await Promise.allSettled([holder.done, ...burst]);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
  });

  it("refuses past the queue's bound at once with UNAVAILABLE (503, Retry-After), never a 500", async () => {
    useEmbedded(5);
    await closeDb();
    const holder = await holdConnection();
    const burst = Array.from({ length: 8 }, () => db().$transaction(async (tx) => tx.$queryRaw`SELECT 1`));
    const refused = await Promise.allSettled(burst.slice(5));
    expect(refused.map((r) => (r.status === "rejected" && r.reason instanceof AppError ? r.reason.code : r.status))).toEqual([
      "UNAVAILABLE",
      "UNAVAILABLE",
      "UNAVAILABLE",
    ]);
    holder.release();
    expect((await Promise.allSettled(burst.slice(0, 5))).every((r) => r.status === "fulfilled")).toBe(true);
    await holder.done;

    // A key create is one statement, not a transaction (lib/keys/insert-key.ts): it waits in the same queue.
    const second = await holdConnection();
    const writes = Array.from({ length: 7 }, () => queuedWrite(() => db().$queryRaw`SELECT 1`));
    const refusedWrites = await Promise.allSettled(writes.slice(5));
    expect(refusedWrites.map((r) => (r.status === "rejected" && r.reason instanceof AppError ? r.reason.code : r.status))).toEqual([
      "UNAVAILABLE",
      "UNAVAILABLE",
    ]);
    second.release();
    expect((await Promise.allSettled(writes.slice(0, 5))).every((r) => r.status === "fulfilled")).toBe(true);
    await second.done;

    const response = errorResponse("UNAVAILABLE", "busy");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
  });
});
