// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) and its socket
// server run here, not on the server's main thread, so the database's work and the app's own
// JavaScript (Next.js, Prisma, request handling) use two cores instead of taking turns on one.
// Plain JavaScript: a worker thread does not get tsx's TypeScript loader under `npm run dev`.
// Messages: in { dataDir, host, ports, maxConnections } (workerData) → out { ready, port } or
// { failed, message }; in "stop" → out { stopped }.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const { dataDir, host, ports, maxConnections } = workerData;

async function listen(db) {
  let lastError;
  for (const port of ports) {
    const server = new PGLiteSocketServer({ db, host, port, maxConnections });
    try {
      await server.start();
      return server;
    } catch (error) {
      lastError = error;
      await server.stop();
    }
  }
  throw new Error(`Embedded PostgreSQL could not listen on ${host}:${ports.join(" or ")}: ${lastError?.message}`);
}

let db;
let server;
try {
  // pg_trgm: the keys list searches names with a trigram index (see the key_lifecycle migration).
  db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  server = await listen(db);
  parentPort.postMessage({ ready: true, port: Number(server.getServerConn().split(":").pop()) });
} catch (error) {
  await db?.close().catch(() => {});
  parentPort.postMessage({ failed: true, message: error instanceof Error ? error.message : String(error) });
}

parentPort.on("message", async (message) => {
  if (message !== "stop") return;
  await server?.stop();
  await db?.close();
  parentPort.postMessage({ stopped: true });
});
