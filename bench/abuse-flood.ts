// A flood for bench/abuse.ts, in a process of its own: a flood's 32 fetches in flight would
// otherwise share the measuring client's event loop and slow down the very latencies it measures.
import { generateKey } from "../lib/keys/format";

export interface FloodOrder {
  kind: "sign-in" | "wrong-secret";
  url: string;
  total: number;
  concurrency: number;
  /** The key id whose secret the wrong-secret flood guesses. */
  keyId?: string;
}

export interface FloodResult {
  statuses: Record<number, number>;
  ms: number;
}

function request(order: FloodOrder, index: number): Promise<Response> {
  if (order.kind === "sign-in") {
    return fetch(`${order.url}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: order.url },
      body: JSON.stringify({ email: `victim${index % 10}@bench.example`, password: "not the password at all" }),
    });
  }
  const wrong = generateKey().raw.replace(/_[0-9A-Za-z]{12}_/, `_${order.keyId}_`);
  return fetch(`${order.url}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": wrong } });
}

async function flood(order: FloodOrder): Promise<FloodResult> {
  const statuses: Record<number, number> = {};
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: order.concurrency }, async () => {
      while (next < order.total) {
        const response = await request(order, next++).catch(() => null);
        await response?.arrayBuffer();
        const status = response?.status ?? 0;
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { statuses, ms: performance.now() - started };
}

if (process.send) process.once("message", (order: FloodOrder) => void flood(order).then((result) => process.send!(result)));
