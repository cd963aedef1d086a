import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { metrics } from "./index";

// GET /metrics when the verify server runs several worker processes on one port: whichever worker
// is asked gets the sums of all of them from the primary (prom-client's AggregatorRegistry, which
// collects each worker's registry over the cluster's IPC channel), so a scrape sees one instance.

const REQUEST = "keysmith:metrics-request";
const ANSWER = "keysmith:metrics-answer";
const TIMEOUT_MS = 5_000;

interface MetricsAnswer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

let sharing = false;
let nextRequest = 0;
const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();

/** In a worker: lets the primary read this process's registry, and answers /metrics with the cluster's sums. */
export function shareMetricsWithPrimary(): void {
  if (!cluster.isWorker || sharing) return;
  sharing = true;
  new AggregatorRegistry(); // registers prom-client's worker side of the collection
  AggregatorRegistry.setRegistries([metrics().registry]);
  process.on("message", (message: MetricsAnswer) => {
    if (message?.type !== ANSWER) return;
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) request?.reject(new Error(message.error));
    else request?.resolve(message.text ?? "");
  });
}

/** The Prometheus text of this process, or of every worker summed when the process is one of several. */
export function metricsText(): Promise<string> {
  if (!sharing) return metrics().registry.metrics();
  const id = nextRequest++;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error("The verify server's primary process did not send the cluster's metrics in time."));
    }, TIMEOUT_MS);
    const settle =
      <T>(done: (value: T) => void) =>
      (value: T) => {
        clearTimeout(timer);
        done(value);
      };
    waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
    process.send!({ type: REQUEST, id });
  });
}

/** In the primary: answers the workers' requests for the summed metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker: Worker, message: { type?: string; id?: number }) => {
    if (message?.type !== REQUEST || typeof message.id !== "number") return;
    const id = message.id;
    const reply = (answer: Omit<MetricsAnswer, "type" | "id">) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
