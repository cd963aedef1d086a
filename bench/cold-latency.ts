import { verifyOverHttp } from "../tests/load/support/verify-client";
import type { SeededKey } from "../tests/load/support/seed";
import { percentile } from "./table";

export interface ColdResult {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers that were not 200 VALID. */
  wrong: number;
}

/** Verifies each key for the first time (never seen by the server), `concurrency` at a time. */
export async function measureColdLatency(
  label: string,
  baseUrl: string,
  keys: readonly SeededKey[],
  concurrency: number,
): Promise<ColdResult> {
  const latencies: number[] = [];
  let wrong = 0;
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      const answer = await verifyOverHttp(baseUrl, key.rawKey);
      latencies.push(answer.receivedAt - answer.sentAt);
      if (answer.status !== 200 || answer.code !== "VALID") wrong++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { label, count: keys.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), wrong };
}
