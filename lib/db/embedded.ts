import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataDir } from "./data-dir-lock";

export type EmbeddedPostgres = {
  /** Connection string for the served database. */
  url: string;
  /** Largest pool a client may open; see MAX_CONNECTIONS. */
  poolMax: number;
  /** `<dataDir>.lock`: held while this server runs; a second server on the directory refuses to start. */
  lockFile: string;
  stop(): Promise<void>;
};

const HOST = "127.0.0.1";
const PREFERRED_PORT = 5544;
// PGlite is a single session behind a query queue: with three or more sockets open,
// rows reach the wrong client. Two leave room for the app (pool of 1) plus one
// more client, such as the migration engine or psql.
const MAX_CONNECTIONS = 2;

/**
 * Serves PostgreSQL (PGlite, PostgreSQL in WebAssembly) over TCP from `dataDir`
 * (default ./.data/pglite), on `port` or else 5544 or else any free port.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir ?? ".data/pglite");
  mkdirSync(dataDir, { recursive: true });
  // Before opening it: a second server on this directory would silently lose writes (data-dir-lock.ts).
  const lock = lockDataDir(dataDir, (stale) =>
    console.warn(`Taking over the embedded database lock of process ${stale?.pid ?? "?"}, which is no longer running.`),
  );
  let db: PGlite | undefined;
  try {
    // pg_trgm: the keys list searches names with a trigram index (see the key_lifecycle migration).
    db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    const server = await listen(db, options.port);
    const port = server.getServerConn().split(":").pop();
    const url = `postgres://postgres@${HOST}:${port}/postgres`;
    lock.describe(url);
    const opened = db;
    return {
      url,
      poolMax: 1,
      lockFile: lock.path,
      stop: async () => {
        await server.stop();
        await opened.close();
        lock.release();
      },
    };
  } catch (error) {
    await db?.close();
    lock.release();
    throw error;
  }
}

/** Listens on the requested port, or on 5544 falling back to a port the OS picks. */
async function listen(db: PGlite, port: number | undefined): Promise<PGLiteSocketServer> {
  const candidates = port === undefined ? [PREFERRED_PORT, 0] : [port];
  let lastError: unknown;
  for (const candidate of candidates) {
    const server = new PGLiteSocketServer({ db, host: HOST, port: candidate, maxConnections: MAX_CONNECTIONS });
    try {
      await server.start();
      return server;
    } catch (error) {
      lastError = error;
      await server.stop();
    }
  }
  throw new Error(`Embedded PostgreSQL could not listen on ${HOST}:${candidates.join(" or ")}: ${(lastError as Error).message}`);
}
