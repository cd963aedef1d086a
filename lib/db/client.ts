import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { serialisedClient } from "./serialised-client";
import { watch } from "@/lib/metrics";
import { embeddedQueueMaxFromEnv, WorkQueue } from "./work-queue";
import { config } from "@/lib/config";

type Connection = { client: PrismaClient; pool: pg.Pool; queue?: WorkQueue };

// Kept on globalThis so that Next's dev server, which re-evaluates modules on every
// edit, reuses one pool instead of opening a new one per reload.
const store = globalThis as typeof globalThis & { keysmithDb?: Connection };

/** The application's Prisma client, created on first use from DATABASE_URL. */
export function db(): PrismaClient {
  store.keysmithDb ??= connect();
  return store.keysmithDb.client;
}

/** The queue transactions wait in on the embedded database; null on PostgreSQL. */
export function transactionQueue(): WorkQueue | null {
  db();
  return store.keysmithDb?.queue ?? null;
}

/**
 * Runs a write that is one statement (atomic without a transaction) in the embedded database's
 * queue, as transactions are: bursts wait in order, past the bound 503. Directly on PostgreSQL.
 */
export function queuedWrite<T>(write: () => Promise<T>): Promise<T> {
  const queue = transactionQueue();
  return queue ? queue.run(write) : write();
}

/** Disconnects the client and closes its pool; the next db() call connects again. */
export async function closeDb(): Promise<void> {
  const connection = store.keysmithDb;
  if (!connection) return;
  store.keysmithDb = undefined;
  await connection.client.$disconnect();
  await connection.pool.end();
}

watch("pool", "application pool", () => {
  const pool = store.keysmithDb?.pool;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
});

function connect(): Connection {
  const settings = config();
  const connectionString = settings.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: point it at PostgreSQL (postgres://user:password@host:5432/database).");
  }
  const pool = new pg.Pool({ connectionString, max: settings.KEYSMITH_DB_POOL_MAX });
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  // scripts/start.ts sets KEYSMITH_EMBEDDED_DB=1 when it serves PGlite (one connection): there,
  // transactions queue in order instead of timing out (lib/db/work-queue.ts).
  if (settings.KEYSMITH_EMBEDDED_DB) {
    const queue = new WorkQueue(embeddedQueueMaxFromEnv());
    return { client: serialisedClient(client, queue), pool, queue };
  }
  return { client, pool };
}
