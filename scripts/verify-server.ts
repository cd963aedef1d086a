// npm run verify-server — the standalone verify server (lib/verify/server.ts), compiled to
// dist/verify-server.mjs by `npm run build`. PORT (default 3001), HOSTNAME (default 127.0.0.1),
// DATABASE_URL, KEYSMITH_PEPPER, optional REDIS_URL, KEYSMITH_TRUSTED_PROXIES, KEYSMITH_VERIFY_WORKERS (docs/configuration.md).
import cluster from "node:cluster";
import { once } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { freezeConfig } from "../lib/config";
import { getPepper } from "../lib/keys/pepper";
import { startClockWatch } from "../lib/jobs/clock-watch";
import { log } from "../lib/log";
import { usageRecorder } from "../lib/usage/recorder";
import { stopVerificationLog } from "../lib/verification-log/writer";
import { defaultVerifier } from "../lib/verify";
import { trustedProxies } from "../lib/http/client-address";
import { createVerifyServer } from "../lib/verify/server";
import { drainServer } from "../lib/server/drain";
import { serveOps, type OpsState } from "../lib/server/ops-routes";
import { releaseConnections } from "../lib/server/release";
import { runVerifyCluster, workerCount } from "../lib/server/verify-cluster";
import { shareMetricsWithPrimary } from "../lib/metrics/cluster";

async function main() {
  const envFile = path.resolve(import.meta.dirname, "..", ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  // Every setting checked now (an invalid one stops the start, by name) and final from here on.
  const settings = freezeConfig();
  const port = settings.PORT ?? 3001;
  const host = settings.HOSTNAME ?? "127.0.0.1";
  getPepper(); // without it no key can be checked: refuse to start rather than answer errors
  const workers = workerCount(settings.KEYSMITH_VERIFY_WORKERS);
  if (workers > 1 && cluster.isPrimary) {
    const address = await runVerifyCluster(workers);
    log.info({ ...address, workers }, "verify server listening");
    console.log(`verify server listening on http://${host}:${address.port} (${workers} workers)`);
    return;
  }
  if (cluster.isWorker) shareMetricsWithPrimary();
  const verifier = defaultVerifier();
  await verifier.ready();
  const stopClockWatch = startClockWatch();
  const ops: OpsState = { draining: false };
  const server = createVerifyServer({
    verifier,
    trust: trustedProxies(),
    traced: true,
    intercept: (req, res, requestId) => serveOps(req, res, ops, requestId),
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, host);
  await once(server, "listening");
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  if (cluster.isPrimary) {
    log.info({ port: actualPort, host }, "verify server listening");
    console.log(`verify server listening on http://${host}:${actualPort}`);
  }

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "verify server stopping");
    ops.draining = true;
    // Finish in-flight requests first (at most 10 s), so their usage is in the final flush.
    await drainServer(server);
    stopClockWatch();
    await usageRecorder().stop();
    await stopVerificationLog();
    await releaseConnections();
    process.exit(0);
  };
  process.on("SIGTERM", (signal) => void stop(signal));
  process.on("SIGINT", (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  // The whole error: a missing pepper explains itself, anything unexpected needs its stack.
  console.error("verify server cannot start:", error);
  process.exit(1);
});
