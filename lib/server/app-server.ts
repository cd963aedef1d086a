import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import next from "next";
import { stampClientAddress, trustedProxies } from "@/lib/http/client-address";
import { markClientAddressStamped } from "@/lib/http/client-ip";
import { hostAllowed, hostPolicy } from "@/lib/http/host-check";
import { machineRouteSecurityHeaders } from "@/lib/http/security-headers";
import { drainServer } from "./drain";
import { serveOps, type OpsState } from "./ops-routes";
import { traceRequest } from "./request-log";
import { answerVerifyRequest, isVerifyRequest } from "@/lib/verify/server";
import { AddressGate } from "./address-gate";
import { answerThroughGate } from "./gated-response";
import { answerSignInBackoff, isSignInAttempt } from "./sign-in-backoff";

// Keysmith's own HTTP server around Next.js's request handler (instead of `next start`), so that
// route handlers learn the caller's real address: the socket's, or — behind a configured trusted
// proxy — the one the proxy reports (lib/http/client-address.ts).

export interface AppServerOptions {
  dev: boolean;
  /** The project root (where .next and next.config.ts are). */
  dir: string;
  hostname: string;
  port: number;
  /** How long closing waits for requests in flight before cutting connections. */
  drainMs?: number;
}

export interface AppServer {
  url: string;
  /** Stops accepting, lets requests in flight finish (bounded), then closes Next.js. */
  close(): Promise<void>;
}

/**
 * Production serves the configuration `next build` resolved (.next/required-server-files.json), as
 * Next's standalone server.js does: the standalone directory (the container image) has no
 * next.config.ts to load, and the repository's start then behaves the same.
 */
function serveBuiltConfig(dir: string): void {
  if (process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) return;
  const { config } = JSON.parse(readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

/** Verifications or sign-ins of one client address in progress at once (lib/server/address-gate.ts). */
const REQUESTS_IN_PROGRESS_PER_ADDRESS = 4;

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const trust = trustedProxies();
  const hosts = hostPolicy(options.hostname);
  if (hosts.allowed === null) {
    console.warn(
      `Listening on ${options.hostname} without KEYSMITH_PUBLIC_URL: every Host header is accepted. Set KEYSMITH_PUBLIC_URL to refuse DNS-rebinding requests.`,
    );
  }
  if (!options.dev) serveBuiltConfig(options.dir);
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.hostname, port: options.port, customServer: true });
  await app.prepare();
  markClientAddressStamped();
  const handle = app.getRequestHandler();
  const verifyHeaders = machineRouteSecurityHeaders();
  const floodGate = new AddressGate(REQUESTS_IN_PROGRESS_PER_ADDRESS);
  const ops: OpsState = { draining: false };
  const server = http.createServer((request, response) => {
    traceRequest("app", request, response);
    const served = serveOps(request, response, ops);
    if (served === false) serveApp(request, response);
    else
      served.then(
        (done) => done || serveApp(request, response),
        () => fail(response),
      );
  });
  const fail = (response: http.ServerResponse) => {
    if (!response.headersSent)
      response
        .writeHead(500, { "content-type": "application/json" })
        .end('{"error":{"code":"INTERNAL","message":"Something went wrong on our side."}}');
    else response.destroy();
  };
  const serveApp = (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (!hostAllowed(hosts, request.headers.host)) {
      response.writeHead(421, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(
        '{"error":{"code":"BAD_HOST","message":"This server does not answer for that host name. Set KEYSMITH_PUBLIC_URL to the address users reach Keysmith at."}}',
      );
      return;
    }
    const address = stampClientAddress(request, trust);
    const verify = isVerifyRequest(request);
    // Verification is answered here, not by Next.js: the same code as the verify server, without
    // the framework's per-request cost (pages/api/tokens/verify.ts serves a bare `next start`).
    const respond = verify
      ? () => answerVerifyRequest(request, response, address, { headers: verifyHeaders })
      : () => answerSignInBackoff(request, response, address).then((answered) => (answered ? undefined : handle(request, response)));
    // Requests a stranger can flood go through the per-address gate (lib/server/gated-response.ts).
    if (address !== null && (verify || isSignInAttempt(request))) {
      void answerThroughGate(floodGate, address, response, respond, () => fail(response));
    } else {
      respond().catch(() => fail(response));
    }
  };
  // Development: hot reload speaks WebSocket.
  if (options.dev) server.on("upgrade", app.getUpgradeHandler());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.hostname}:${port}`,
    async close() {
      ops.draining = true;
      await drainServer(server, options.drainMs);
      await app.close();
    },
  };
}
