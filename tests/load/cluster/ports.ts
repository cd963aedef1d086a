import { createServer } from "node:net";

/** A port in [from, to] that nothing listens on at the moment, picked at random. */
export async function freePort(from: number, to: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  const candidates = Array.from({ length: to - from + 1 }, (_, index) => from + index).filter((port) => !taken.has(port));
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  for (const port of candidates) {
    if (await isFree(port)) return port;
  }
  throw new Error(`No free port between ${from} and ${to}.`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
