import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
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
 * (default ./.data/pglite), on `port` or else 5544 or else any free port. PGlite runs in a thread
 * of its own (embedded-worker.mjs): a query executes synchronously in WebAssembly, and on the
 * server's thread it stopped every request for as long as it ran.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir ?? ".data/pglite");
  mkdirSync(dataDir, { recursive: true });
  // Before opening it: a second server on this directory would silently lose writes (data-dir-lock.ts).
  const lock = lockDataDir(dataDir, (stale) =>
    console.warn(`Taking over the embedded database lock of process ${stale?.pid ?? "?"}, which is no longer running.`),
  );
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL("./embedded-worker.mjs", import.meta.url), {
      workerData: {
        dataDir,
        host: HOST,
        ports: options.port === undefined ? [PREFERRED_PORT, 0] : [options.port],
        maxConnections: MAX_CONNECTIONS,
      },
    });
    const port = await readyPort(worker);
    const url = `postgres://postgres@${HOST}:${port}/postgres`;
    lock.describe(url);
    const thread = worker;
    let stopping = false;
    // Without its database the server cannot answer anything: stop, so a supervisor restarts it.
    thread.on("error", (error) => console.error("The embedded database's thread failed:", error));
    thread.on("exit", (code) => {
      if (stopping) return;
      console.error(`The embedded database's thread exited unexpectedly (code ${code}); stopping.`);
      process.exit(1);
    });
    return {
      url,
      poolMax: 1,
      lockFile: lock.path,
      stop: async () => {
        stopping = true;
        await stopWorker(thread);
        lock.release();
      },
    };
  } catch (error) {
    await worker?.terminate();
    lock.release();
    throw error;
  }
}

type WorkerMessage = { ready: true; port: number } | { failed: true; message: string } | { stopped: true };

function nextMessage(worker: Worker): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`The embedded database's thread exited (code ${code}) before it answered.`));
    worker.once("error", reject);
    worker.once("exit", onExit);
    worker.once("message", (message: WorkerMessage) => {
      worker.off("error", reject);
      worker.off("exit", onExit);
      resolve(message);
    });
  });
}

async function readyPort(worker: Worker): Promise<number> {
  const message = await nextMessage(worker);
  if ("failed" in message) throw new Error(message.message);
  if (!("ready" in message)) throw new Error("The embedded database's thread answered out of turn.");
  return message.port;
}

/** Closes the socket server and PGlite (which writes the database back to its directory), then the thread. */
async function stopWorker(worker: Worker): Promise<void> {
  const stopped = nextMessage(worker);
  worker.postMessage("stop");
  await stopped;
  await worker.terminate();
}
