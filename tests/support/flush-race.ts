import type { KeyUsageBatchRow, WriteUsage } from "@/lib/usage/write-usage";

// Two usage flushers (as two instances would run) writing batches over the same keys at once,
// each key in a different order per batch — what two processes' Maps of pending counts look like.

export interface FlushRaceResult {
  flushes: number;
  deadlocks: number;
  /** Verifications each key was credited with by the flushes that succeeded. */
  expected: Map<string, number>;
  /** The same per key and UTC day. */
  expectedDays: Map<string, number>;
}

const DAYS = ["2026-11-30", "2026-12-01"];

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function batch(keyIds: string[], flusher: number): KeyUsageBatchRow[] {
  // Flusher 0 ascending, flusher 1 descending, and every third batch shuffled: opposite orders are
  // what made two instances deadlock.
  const ordered = flusher === 0 ? keyIds : [...keyIds].reverse();
  const keys = Math.random() < 1 / 3 ? shuffled(keyIds) : ordered;
  return keys.map((id, i) => {
    const days = DAYS.map((day) => ({ day, count: 1 + ((i + flusher) % 3) }));
    return { id, count: days.reduce((sum, d) => sum + d.count, 0), lastUsedAt: new Date(), days };
  });
}

const isDeadlock = (error: unknown) => /deadlock/i.test(String((error as Error)?.message ?? error));

/** Runs `writers.length` flushers until `durationMs` has passed; only deadlocks are tolerated (and counted). */
export async function runFlushRace(writers: WriteUsage[], keyIds: string[], durationMs: number): Promise<FlushRaceResult> {
  const result: FlushRaceResult = { flushes: 0, deadlocks: 0, expected: new Map(), expectedDays: new Map() };
  const deadline = Date.now() + durationMs;
  await Promise.all(
    writers.map(async (write, flusher) => {
      while (Date.now() < deadline) {
        const rows = batch(keyIds, flusher);
        try {
          await write(rows);
        } catch (error) {
          if (!isDeadlock(error)) throw error;
          result.deadlocks += 1;
          continue;
        }
        result.flushes += 1;
        for (const row of rows) {
          result.expected.set(row.id, (result.expected.get(row.id) ?? 0) + row.count);
          for (const d of row.days)
            result.expectedDays.set(`${row.id} ${d.day}`, (result.expectedDays.get(`${row.id} ${d.day}`) ?? 0) + d.count);
        }
      }
    }),
  );
  return result;
}
