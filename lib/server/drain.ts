import type { Server } from "node:http";

export const DEFAULT_DRAIN_MS = 10_000;

/**
 * Stops accepting connections and resolves once the requests in flight have finished, or after
 * `drainMs`, when the remaining connections are cut. Keep-alive connections are closed as soon as
 * they fall idle, so a client that keeps its connection open does not hold the shutdown.
 */
export async function drainServer(server: Server, drainMs: number = DEFAULT_DRAIN_MS): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const closeIdle = () => server.closeIdleConnections();
  closeIdle();
  // A response that finishes during the drain leaves its connection idle: close it then.
  const onRequest = (
    _request: unknown,
    response: { once(event: "finish", listener: () => void): void; setHeader(name: string, value: string): void },
  ) => {
    response.setHeader("connection", "close");
    response.once("finish", () => setImmediate(closeIdle));
  };
  server.on("request", onRequest);
  const cut = setTimeout(() => server.closeAllConnections(), drainMs);
  try {
    await closed;
  } finally {
    clearTimeout(cut);
    server.off("request", onRequest);
  }
}
